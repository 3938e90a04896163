import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

// Issue 13, item 9: writers wait their turn for a bounded, configured time, then answer a clear
// retryable error. The write lock is held for real, by another process (BEGIN IMMEDIATE in its own
// better-sqlite3 connection), on a real migrated SQLite file.
const WAIT_MS = 1500;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fenghuo-busy-'));
const file = path.join(dir, 'busy.db');
process.env.FENGHUO_DB = file;
process.env.FENGHUO_DB_BUSY_TIMEOUT_MS = String(WAIT_MS);
process.env.FENGHUO_API_RATE = '0';

const { getDb } = await import('@/db/client');
const { rawGet } = await import('@/db/engine');
const { sql } = await import('drizzle-orm');
const { migrateDatabase } = await import('@/db/migrate');
const { ensureReferenceData } = await import('@/db/reference/reference');
const { seedSmallOrg, addUser } = await import('../setup/small-org');
const { createApiToken } = await import('@/features/auth/api-tokens');
const hazardsRoute = await import('@/app/api/v1/hazards/route');

const db = getDb();
let token = '';
const holders: ChildProcessWithoutNullStreams[] = [];

/**
 * Another process takes the write lock and keeps it for `holdMs` (or until told to let go); resolves once
 * the lock is held.
 */
async function holdWriteLock(holdMs: number | null): Promise<{ release: () => Promise<void> }> {
  const script = `
    const db = new (require('better-sqlite3'))(process.argv[1]);
    db.exec('BEGIN IMMEDIATE');
    process.stdout.write('locked\\n');
    const done = () => { db.exec('COMMIT'); db.close(); process.exit(0); };
    const hold = Number(process.argv[2]);
    if (hold >= 0) setTimeout(done, hold);
    process.stdin.on('data', done);
  `;
  const child = spawn(process.execPath, ['-e', script, file, String(holdMs ?? -1)], { stdio: 'pipe' });
  holders.push(child);
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => d.toString().includes('locked') && resolve());
    child.once('exit', (code) => reject(new Error(`lock holder exited with ${code}`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    release: async () => {
      child.stdin.write('go\n');
      await exited;
    },
  };
}

function postHazard(externalId: string, lang = 'en') {
  const body = {
    externalId,
    unitCode: 'BJ01',
    domain: 'ai',
    dimension: 'loss',
    severity: 'general',
    foundAt: '2026-03-04T09:30:00+08:00',
    dueAt: '2026-04-04T09:30:00+08:00',
  };
  return hazardsRoute.POST(
    new Request('http://localhost/api/v1/hazards', {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'accept-language': lang },
    }),
    { params: Promise.resolve({}) } as never,
  );
}

const stored = async (externalId: string) =>
  (await rawGet<{ n: number }>(db, sql`SELECT count(*) AS n FROM hazards WHERE external_id = ${externalId}`))!.n;

const run = promisify(execFile);
function cli(waitMs: number, ...args: string[]) {
  return run(path.resolve('node_modules/.bin/tsx'), ['cli/index.ts', ...args], {
    env: { ...process.env, FENGHUO_DB: file, FENGHUO_DB_BUSY_TIMEOUT_MS: String(waitMs) },
  }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}

beforeAll(async () => {
  await migrateDatabase(db);
  await ensureReferenceData(db);
  await seedSmallOrg(db);
  token = (await createApiToken(db, await addUser(db, 'u.bj01', 'reporter', 'BJ01'), 't')).token;
  await addUser(db, 'u.office', 'office', 'HX');
});

afterEach(() => {
  for (const h of holders.splice(0)) if (h.exitCode === null) h.kill();
});

afterAll(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('a writer that finds the database locked', () => {
  it('API: waits the configured time, then answers 503 with Retry-After in the caller’s language, storing nothing', async () => {
    const lock = await holdWriteLock(null);
    const started = performance.now();
    const res = await postHazard('BUSY-API-1', 'zh-CN');
    const waited = performance.now() - started;
    await lock.release();
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe(String(Math.ceil(WAIT_MS / 1000)));
    const body = (await res.json()) as { error: { code: string; message: string; details: { field: string; message: string }[] } };
    expect(body.error.code).toBe('busy');
    expect(body.error.message).toMatch(/数据库正忙.*稍后重试/);
    expect(body.error.details).toEqual([{ field: '(database)', message: body.error.message }]);
    expect(JSON.stringify(body)).not.toMatch(/SQLITE|at \S+ \(/);
    // Bounded: it waited about the configured time, not the old fixed 5 s.
    expect(waited).toBeGreaterThanOrEqual(WAIT_MS * 0.9);
    expect(waited).toBeLessThan(WAIT_MS + 2500);
    expect(await stored('BUSY-API-1')).toBe(0);
  });

  it('API: a lock shorter than the wait only delays the write', async () => {
    await holdWriteLock(300);
    const res = await postHazard('BUSY-API-2');
    expect(res.status).toBe(200);
    expect(await stored('BUSY-API-2')).toBe(1);
  });

  it('CLI: says plainly the database is busy, without a stack trace, and exits non-zero; later it succeeds', async () => {
    const csv = path.join(dir, 'hazards.csv');
    fs.writeFileSync(
      csv,
      'externalId,unitCode,domain,dimension,severity,foundAt,dueAt\nBUSY-CLI-1,BJ01,ai,loss,general,2026-03-04 09:30,2026-04-04 09:30\n',
    );
    const lock = await holdWriteLock(null);
    const out = await cli(WAIT_MS, 'import', csv, '--kind', 'hazards', '--user', 'u.office');
    await lock.release();
    expect(out.code).toBe(75);
    expect(out.stderr).toMatch(/the database is busy.*Try again/);
    expect(out.stderr).not.toMatch(/SqliteError|\n\s+at /);
    expect(await stored('BUSY-CLI-1')).toBe(0);
    // A lock shorter than the wait (held past the command's start-up): the same import waits, then goes through.
    const started = performance.now();
    await holdWriteLock(4000);
    const again = await cli(20_000, 'import', csv, '--kind', 'hazards', '--user', 'u.office');
    expect(again.stderr).not.toMatch(/busy|Error/);
    expect(again.code).toBe(0);
    expect(performance.now() - started).toBeGreaterThanOrEqual(4000);
    expect(await stored('BUSY-CLI-1')).toBe(1);
  }, 60_000);
});
