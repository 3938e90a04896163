import { sql } from 'drizzle-orm';
import { afterAll, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '@/db/client';
import { rawGet } from '@/db/engine';
import { isMigrated } from '@/db/migrate';
import { parseEnv } from '@/server/env';
import { bootstrap } from '@/server/startup/bootstrap';
import { adminQuery, databaseUrl, dropDatabase, quoteIdent, testDatabaseName } from '../../setup/pg-admin';

// Decision 047 row 11: two servers starting at once on an empty database. The whole start-up (migrate,
// reference data, the session secret, the first administrator) runs under the start-up session lock, so
// both succeed and everything is there once.

const name = testDatabaseName();
afterAll(() => dropDatabase(name));

it('two servers migrate and bootstrap an empty database at once: both succeed, one administrator', async () => {
  const server = process.env.FENGHUO_TEST_PG_SERVER!;
  await adminQuery(
    server,
    `CREATE DATABASE ${quoteIdent(name)} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`,
  );
  const url = databaseUrl(server, name);
  const [one, other] = [openDatabase(url, 120_000), openDatabase(url, 120_000)];
  try {
    const config = parseEnv({
      FENGHUO_SEED_DEMO: 'false',
      FENGHUO_ADMIN_LOGIN: 'first.admin',
      FENGHUO_ADMIN_PASSWORD: 'a-long-enough-password',
    });
    const reports = await Promise.all([bootstrap(one, config), bootstrap(other, config)]);
    expect(reports.map((r) => r.adminCreated).sort()).toEqual(['first.admin', null]);
    expect(await isMigrated(other)).toBe(true);
    const n = async (text: string) => (await rawGet<{ n: number }>(one, sql.raw(`SELECT count(*) AS n FROM ${text}`)))!.n;
    expect(await n('users')).toBe(1);
    expect(await n("units WHERE kind = 'academy'")).toBe(1);
    expect(await n('domains')).toBe(11);
    expect(await n("settings WHERE key LIKE 'session%'")).toBe(1);
  } finally {
    await Promise.all([closeDatabase(one), closeDatabase(other)]);
  }
}, 180_000);
