import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type Db } from '@/db/client';
import { rawAll, rawGet } from '@/db/engine';
import { verifyAuditChain } from '@/db/audit/audit-log';
import { copyTables } from '@/db/copy/pg-copy';
import { resolveActor } from '@/features/auth/resolve-actor';
import { submitRecords } from '@/features/records/submit';
import { backupDatabase } from '@/platform/backup/backup';
import { restoreDatabase } from '@/platform/backup/restore';
import { nightlyBackup } from '@/jobs/backup';
import { parseEnv } from '@/server/env';
import { adminQuery, databaseUrl, quoteIdent } from '../../setup/pg-admin';
import { ratingsOf } from '../../setup/ratings-of';

// Issue 16 items 4 and 5 on a real PostgreSQL server (the `pg` project's cluster): the demo academy built on
// a SQLite file (in a process of its own, bound to SQLite), copied into an empty PostgreSQL database with
// `cli copy-to`, then backed up with pg_dump and restored with pg_restore. Each step must give the same
// ratings as the SQLite original and a verifying audit chain.

const run = promisify(execFile);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fenghuo-copy-'));
const source = path.join(dir, 'demo.db');
const created: string[] = [];
let expected: unknown;
let target: Db;
let targetUrl: string;

/** A command of `npm run cli` in a process on the SQLite file (no FENGHUO_DATABASE_URL). */
function sqliteProcess(args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, FENGHUO_DATABASE_URL: '', FENGHUO_DB: source };
  return run(process.execPath, ['--import', 'tsx', ...args], { env, maxBuffer: 64 * 1024 * 1024 }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}

/** A new, empty database on the test server, in byte order as Fenghuo needs (not a copy of the template). */
async function emptyDatabase(): Promise<string> {
  const name = `fenghuo_copy_${process.pid}_${created.length}`;
  const server = process.env.FENGHUO_TEST_PG_SERVER!;
  await adminQuery(
    server,
    `CREATE DATABASE ${quoteIdent(name)} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`,
  );
  created.push(name);
  return databaseUrl(server, name);
}

function sqliteRows(query: string): Record<string, unknown>[] {
  const c = new Database(source, { readonly: true });
  try {
    return c.prepare(query).all() as Record<string, unknown>[];
  } finally {
    c.close();
  }
}

beforeAll(async () => {
  const built = await sqliteProcess(['tests/setup/sqlite-demo-file.ts', source]);
  expect(built.stderr).toBe('');
  expected = JSON.parse(built.stdout);
  targetUrl = await emptyDatabase();
}, 180_000);

afterAll(async () => {
  if (target) await closeDatabase(target);
  for (const name of created)
    await adminQuery(process.env.FENGHUO_TEST_PG_SERVER!, `DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('copy-to PostgreSQL', () => {
  it('copies every table row for row, with the same ratings and a verifying audit chain, and says so per table', async () => {
    const out = await sqliteProcess(['cli/index.ts', 'copy-to', targetUrl]);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^ {2}audit_log: \d+ row\(s\) in \d+ ms$/m);
    expect(out.stdout).toMatch(/Audit chain on the target: verifies/);
    target = openDatabase(targetUrl);

    // Every table: the same number of rows on both sides.
    const tables = sqliteRows(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '__drizzle_migrations'",
    );
    // Every table of the SQLite file has its twin, and every twin a table: none is skipped.
    expect(tables.map((t) => t.name).sort()).toEqual(
      copyTables()
        .map((t) => t.name)
        .sort(),
    );
    for (const { name } of tables) {
      const [{ n }] = sqliteRows(`SELECT count(*) AS n FROM "${String(name)}"`) as [{ n: number }];
      const pg = await rawGet<{ n: number }>(target, sql`SELECT count(*) AS n FROM ${sql.identifier(String(name))}`);
      expect({ name, n: pg!.n }).toEqual({ name, n });
    }

    // Values exactly: instants in ms, JSON text byte for byte (the chain hashes it), flags, ids.
    const audit = sqliteRows('SELECT id, at, action, entity_kind, entity_id, before, after, prev_hash, hash FROM audit_log ORDER BY id');
    expect(audit.length).toBeGreaterThan(100);
    expect(
      await rawAll(target, sql`SELECT id, at, action, entity_kind, entity_id, before, after, prev_hash, hash FROM audit_log ORDER BY id`),
    ).toEqual(audit);
    const projects = sqliteRows('SELECT id, requires_permit, requires_filing, created_at FROM projects ORDER BY id');
    expect(projects.some((p) => p.requires_permit === 1)).toBe(true);
    expect(await rawAll(target, sql`SELECT id, requires_permit, requires_filing, created_at FROM projects ORDER BY id`)).toEqual(
      projects.map((p) => ({ ...p, requires_permit: p.requires_permit === 1, requires_filing: p.requires_filing === 1 })),
    );
    expect(await ratingsOf(target)).toEqual(expected);
    const chain = await verifyAuditChain(target);
    expect(chain).toEqual({ ok: true, entries: audit.length });

    // The identities continue after the copied ids: an audited write on the target lands at max(id) + 1.
    const actor = (await resolveActor(target, { cliLogin: 'office' }))!;
    await submitRecords(
      target,
      actor,
      'incidents',
      [{ externalId: 'AFTER-COPY', unitCode: 'BJ01', domain: 'ai', dimension: 'loss', tier: 4, occurredAt: '2019-04-01T10:00:00+08:00' }],
      { now: new Date(), source: 'api' },
    );
    const last = await rawGet<{ id: number }>(target, sql`SELECT max(id) AS id FROM audit_log`);
    expect(last!.id).toBe(Number(audit[audit.length - 1]!.id) + 1);
    expect((await verifyAuditChain(target)).ok).toBe(true);
  }, 180_000);

  it('refuses a target that already has rows, naming the table', async () => {
    const out = await sqliteProcess(['cli/index.ts', 'copy-to', targetUrl]);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/is not empty \(table units has rows\)/);
    expect(out.stdout).not.toMatch(/row\(s\) in/);
  }, 60_000);
});

describe('backup and restore on PostgreSQL', () => {
  it('a pg_dump archive restored into an empty database rates and verifies alike; a database in use or holding data is refused', async () => {
    const archive = path.join(dir, 'copied.dump');
    const written = await backupDatabase(target, archive);
    expect(written.bytes).toBeGreaterThan(0);
    const chainBefore = await verifyAuditChain(target);

    const emptyUrl = await emptyDatabase();
    const restored = await restoreDatabase(archive, emptyUrl, { keepDir: dir });
    expect(restored).toMatchObject({ previous: null, migrated: 0 });
    const back = openDatabase(emptyUrl);
    try {
      expect(await ratingsOf(back)).toEqual(await ratingsOf(target));
      expect(await verifyAuditChain(back)).toEqual(chainBefore);
      // Open here: a restore over it is refused even with --force, and nothing changes.
      await expect(restoreDatabase(archive, emptyUrl, { force: true, keepDir: dir })).rejects.toThrow(/in use by \d+ other connection/);
    } finally {
      await closeDatabase(back);
    }
    await expect(restoreDatabase(archive, emptyUrl, { keepDir: dir })).rejects.toThrow(/already holds data; add --force/);
    const forced = await restoreDatabase(archive, emptyUrl, { force: true, keepDir: dir, now: new Date('2026-11-23T08:00:00Z') });
    expect(forced.previous).toBe(path.join(dir, 'fenghuo-pre-restore-20261123T080000Z.dump'));
    expect(fs.statSync(forced.previous!).size).toBeGreaterThan(0);

    const garbage = path.join(dir, 'garbage.dump');
    fs.writeFileSync(garbage, 'not an archive'.repeat(100));
    await expect(restoreDatabase(garbage, emptyUrl, { force: true, keepDir: dir })).rejects.toThrow(/not a readable pg_dump archive/);
  }, 180_000);

  it('the nightly job writes a .dump per night and keeps only the newest FENGHUO_BACKUP_KEEP of them', async () => {
    const backups = path.join(dir, 'nightly');
    fs.mkdirSync(backups);
    fs.writeFileSync(path.join(backups, 'fenghuo-20260101T000000Z.db'), 'a SQLite backup from before the move');
    const config = parseEnv({ FENGHUO_DATABASE_URL: targetUrl, FENGHUO_BACKUP_DIR: backups, FENGHUO_BACKUP_KEEP: '1' });
    for (const at of ['2026-11-20T19:30:00Z', '2026-11-21T19:30:00Z'])
      expect(await nightlyBackup(target, new Date(at), config)).toBe('ran');
    expect(fs.readdirSync(backups).sort()).toEqual(['fenghuo-20260101T000000Z.db', 'fenghuo-20261121T193000Z.dump']);
  }, 120_000);
});
