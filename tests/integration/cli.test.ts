import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addBranchB1, bootstrapRootDb, cliOn } from '../setup/cli-process';
import { closeDatabase, openDatabase } from '@/db/client';
import { rawAll, rawGet, rawRun } from '@/db/engine';
import { resolveActor } from '@/features/auth/resolve-actor';

// The command line as a person runs it: a separate process on a real database file, or in the pg project on
// the file's own PostgreSQL database (tests/setup/pg-env.ts).
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fenghuo-cli-'));
const pgUrl = process.env.FENGHUO_DATABASE_URL;
const file = pgUrl || path.join(dir, 'cli.db');
const cli = cliOn(file);

beforeAll(() => bootstrapRootDb(file));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Everything the database stores, as text: the SQLite file once its log is checkpointed, or every row of every table on PostgreSQL. */
async function storedText(): Promise<string> {
  if (!pgUrl) {
    const sqlite = new Database(file);
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
    sqlite.close();
    return fs.readFileSync(file).toString('latin1');
  }
  const db = openDatabase(file);
  try {
    const tables = await rawAll<{ name: string }>(
      db,
      sql`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'`,
    );
    const rows = await Promise.all(
      tables.map((t) => rawAll<{ row: string }>(db, sql`SELECT t::text AS row FROM ${sql.identifier(t.name)} t`)),
    );
    return rows
      .flat()
      .map((r) => r.row)
      .join('\n');
  } finally {
    await closeDatabase(db);
  }
}

// Each command is a process of its own (tsx compiles the CLI each time): several per test take longer than
// the default 30 s on a loaded 2-core machine, on either engine.
const COMMANDS_MS = 180_000;

describe('npm run cli', () => {
  it(
    'token create prints a working token once; only its hash is kept',
    async () => {
      const out = await cli('token', 'create', '--user', 'root');
      expect(out.code).toBe(0);
      const token = out.stdout.trim();
      expect(token).toMatch(/^fh_[A-Za-z0-9_-]{40,}$/);
      expect(out.stderr).toMatch(/only once/);
      const db = openDatabase(file);
      expect(await resolveActor(db, { bearerToken: token })).toMatchObject({ login: 'root', role: 'admin' });
      db.close();
      // Everything written is in what the database stores; the token is not among it.
      const stored = await storedText();
      expect(stored.includes('root')).toBe(true);
      expect(stored.includes(token)).toBe(false);
    },
    COMMANDS_MS,
  );

  it(
    'user create adds a user and names the field at fault when input is bad',
    async () => {
      const ok = await cli(
        'user',
        'create',
        '--login',
        'office2',
        '--password',
        'another-long-one',
        '--role',
        'office',
        '--unit',
        'ACADEMY',
      );
      expect(ok.code).toBe(0);
      const badRole = await cli(
        'user',
        'create',
        '--login',
        'x1y',
        '--password',
        'another-long-one',
        '--role',
        'boss',
        '--unit',
        'ACADEMY',
      );
      expect(badRole.code).toBe(2);
      expect(badRole.stderr).toMatch(/role: must be one of reporter, unit_manager/);
      const badUnit = await cli(
        'user',
        'create',
        '--login',
        'x2y',
        '--password',
        'another-long-one',
        '--role',
        'reporter',
        '--unit',
        'NOPE',
      );
      expect(badUnit.stderr).toMatch(/unitCode: no unit has the code NOPE/);
      const dup = await cli(
        'user',
        'create',
        '--login',
        'office2',
        '--password',
        'another-long-one',
        '--role',
        'office',
        '--unit',
        'ACADEMY',
      );
      expect(dup.stderr).toMatch(/login: office2 already exists/);
      const shortPassword = await cli('user', 'create', '--login', 'x3y', '--password', 'short', '--role', 'office', '--unit', 'ACADEMY');
      expect(shortPassword.stderr).toMatch(/password: must be at least 10 characters/);
      const unknownUser = await cli('token', 'create', '--user', 'ghost');
      expect(unknownUser.code).toBe(2);
      expect(unknownUser.stderr).toMatch(/user: no user has the login ghost/);
    },
    COMMANDS_MS,
  );

  it(
    'audit verify passes an intact chain and names the first altered entry',
    async () => {
      const db = openDatabase(file);
      const actor = (await resolveActor(db, { bearerToken: (await cli('token', 'create', '--user', 'root')).stdout.trim() }))!;
      await addBranchB1(db, actor);
      db.close();
      const ok = await cli('audit', 'verify');
      expect(ok).toMatchObject({ code: 0 });
      expect(ok.stdout).toMatch(/intact: 2 entries/);

      const tamper = openDatabase(file);
      const first = (await rawGet<{ id: number }>(tamper, sql`SELECT id FROM audit_log ORDER BY id LIMIT 1`))!;
      await rawRun(tamper, sql`UPDATE audit_log SET action = 'units.delete' WHERE id = ${first.id}`);
      tamper.close();
      const broken = await cli('audit', 'verify');
      expect(broken.code).toBe(1);
      expect(broken.stderr).toContain(`BROKEN at entry ${first.id}`);
    },
    COMMANDS_MS,
  );
});
