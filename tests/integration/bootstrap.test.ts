import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { rawGet } from '@/db/engine';
import { createTestDb, type TestDb } from '../setup/test-db';
import { bootstrap, DEMO_PASSWORD } from '@/server/startup/bootstrap';
import { parseEnv } from '@/server/env';
import { logIn } from '@/features/auth/login';
import { isMigrated } from '@/db/migrate';
import { demoUsers } from '@/features/demo/demo-users';
import { generateDemo } from '@/features/demo/generate-demo';
import { getSetting } from '@/db/settings';
import { DEMO_DATA_SETTING, insertDemo } from '@/features/demo/insert-dataset';

let t: TestDb | undefined;
afterEach(() => t?.close());

// `table` is a fixed table name (with a condition) written in this file.
const count = async (db: TestDb['db'], table: string) =>
  (await rawGet<{ n: number }>(db, sql`SELECT count(*) AS n FROM ${sql.raw(table)}`))!.n;
const now = new Date('2026-11-23T10:00:00+08:00');
// Loading the demo academy is thousands of rows: ~20 s on SQLite and ~50 s on PostgreSQL on a loaded 2-core
// machine, past the default 30 s.
const DEMO_LOAD_MS = 180_000;

describe('bootstrap', () => {
  it(
    'loads the demo academy once, with a login for every role',
    async () => {
      t = await createTestDb();
      const report = await bootstrap(t.db, parseEnv({}), now);
      expect(await isMigrated(t.db)).toBe(true);
      expect(report.seeded).toBe(true);
      expect(report.demoLogins.map((l) => l.role).sort()).toEqual([
        'admin',
        'branch_officer',
        'leader',
        'office',
        'reporter',
        'reporter',
        'unit_manager',
      ]);
      expect(await count(t.db, "units WHERE kind = 'branch'")).toBe(12);
      expect(await count(t.db, "units WHERE kind = 'institute'")).toBeGreaterThanOrEqual(90);
      expect(await count(t.db, "units WHERE kind = 'academy'")).toBe(1);
      expect(await count(t.db, 'domains')).toBe(11);
      for (const u of demoUsers)
        expect((await logIn(t.db, { login: u.login, password: DEMO_PASSWORD, ip: 'test' })).ok, u.login).toBe(true);

      expect(await getSetting(t.db, DEMO_DATA_SETTING)).toBeDefined();
      expect(report.warnings.join()).toMatch(/public password/);

      // A second process that lost the race finds the academy already there and loads nothing.
      expect(await insertDemo(t.db, generateDemo(now), [], now)).toBe(false);
      const before = await Promise.all(['units', 'incidents', 'hazards', 'users'].map((x) => count(t!.db, x)));
      const again = await bootstrap(t.db, parseEnv({}), now);
      expect(again.seeded).toBe(false);
      expect(await Promise.all(['units', 'incidents', 'hazards', 'users'].map((x) => count(t!.db, x)))).toEqual(before);
    },
    DEMO_LOAD_MS,
  );

  it('with FENGHUO_SEED_DEMO=false and admin variables, starts empty with only the administrator', async () => {
    t = await createTestDb();
    const config = parseEnv({ FENGHUO_SEED_DEMO: 'false', FENGHUO_ADMIN_LOGIN: 'root', FENGHUO_ADMIN_PASSWORD: 'a-long-admin-secret' });
    const report = await bootstrap(t.db, config, now);
    expect(report).toMatchObject({ seeded: false, adminCreated: 'root', demoLogins: [] });
    expect(await count(t.db, 'users')).toBe(1);
    expect(await count(t.db, 'units')).toBe(1);
    expect(await count(t.db, "units WHERE code = 'ACADEMY' AND kind = 'academy' AND path = '/' || id || '/'")).toBe(1);
    for (const kind of ['projects', 'assessments', 'hazards', 'incidents', 'inspections', 'ethics_committees'])
      expect(await count(t.db, kind)).toBe(0);
    expect((await logIn(t.db, { login: 'root', password: 'a-long-admin-secret', ip: 'test' })).ok).toBe(true);
    await bootstrap(t.db, config, now);
    expect(await count(t.db, 'users')).toBe(1);
  });

  it(
    'with demo data and FENGHUO_ADMIN_LOGIN, the administrator is the configured one, not the demo admin',
    async () => {
      t = await createTestDb();
      const report = await bootstrap(t.db, parseEnv({ FENGHUO_ADMIN_LOGIN: 'root', FENGHUO_ADMIN_PASSWORD: 'a-long-admin-secret' }), now);
      expect(report.seeded).toBe(true);
      expect(report.adminCreated).toBe('root');
      expect(report.demoLogins.map((l) => l.login)).not.toContain('admin');
      expect(await count(t.db, "users WHERE role = 'admin'")).toBe(1);
    },
    DEMO_LOAD_MS,
  );

  it('warns when an empty installation has no way in', async () => {
    t = await createTestDb();
    const report = await bootstrap(t.db, parseEnv({ FENGHUO_SEED_DEMO: 'false' }), now);
    expect(report.warnings.join()).toMatch(/FENGHUO_ADMIN_LOGIN/);
  });
});
