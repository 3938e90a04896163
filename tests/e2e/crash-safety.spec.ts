import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, test } from './fixtures';
import { cli, startServer, type OwnServer } from '../../bench/server-process';

// Crash safety (issue 7 part 1): a production server of its own, killed with SIGKILL while a 5,000-item API
// batch and a 100,000-row import are being written, comes back with each of them whole or absent, the data
// from before untouched, and a database that passes PRAGMA integrity_check and the audit-chain check.
const PORT = 3310;
const dir = path.resolve(`.tmp/e2e-crash-${process.pid}`);
const db = path.join(dir, 'fenghuo.db');
const wal = `${db}-wal`;
const MB = 1024 * 1024;

test.describe.configure({ mode: 'serial' });
test.setTimeout(240_000);

function ro<T>(work: (d: Database.Database) => T): T {
  const d = new Database(db, { readonly: true, fileMustExist: true });
  try {
    return work(d);
  } finally {
    d.close();
  }
}
const count = (prefix: string) =>
  ro((d) => (d.prepare('SELECT count(*) AS n FROM incidents WHERE external_id LIKE ?').get(`${prefix}%`) as { n: number }).n);

/** A fingerprint of every row that existed before the crashes (ids up to those maxima). */
function fingerprint(upTo: Record<string, number>): string {
  return ro((d) => {
    const h = createHash('sha256');
    for (const [table, max] of Object.entries(upTo))
      for (const row of d.prepare(`SELECT * FROM ${table} WHERE id <= ? ORDER BY id`).iterate(max)) h.update(JSON.stringify(row));
    return h.digest('hex');
  });
}

/** Empties the write-ahead log (the server is idle), so that its growth shows a transaction being written. */
function truncateWal(): void {
  const d = new Database(db, { fileMustExist: true });
  try {
    d.pragma('busy_timeout = 5000');
    d.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    d.close();
  }
}
const walSize = () => (fs.existsSync(wal) ? fs.statSync(wal).size : 0);

async function until(condition: () => boolean, timeoutMs: number, stepMs = 5): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await new Promise((r) => setTimeout(r, stepMs));
  }
  return condition();
}

let server: OwnServer;
let token: string;
let codes: string[];
let before: Record<string, number>;
let beforePrint: string;

test.beforeAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  // The demo academy, seeded by the server's own start; the nightly backup is off for this database.
  server = await startServer({ port: PORT, db, env: { FENGHUO_BACKUP_KEEP: '0', FENGHUO_API_RATE: '0' } });
  token = cli(db, 'token', 'create', '--user', 'office').trim();
  codes = ro((d) =>
    (d.prepare("SELECT code FROM units WHERE kind = 'institute' ORDER BY id").all() as { code: string }[]).map((u) => u.code),
  );
  // Let the start-up jobs (provisional ratings) finish before taking the fingerprint.
  await until(
    () => ro((d) => (d.prepare("SELECT count(*) AS n FROM job_runs WHERE status = 'running'").get() as { n: number }).n === 0),
    60_000,
    200,
  );
  before = ro((d) =>
    Object.fromEntries(
      ['incidents', 'hazards', 'projects', 'audit_log'].map((t) => [
        t,
        (d.prepare(`SELECT max(id) AS m FROM ${t}`).get() as { m: number }).m,
      ]),
    ),
  );
  expect(before.incidents).toBeGreaterThan(0);
  beforePrint = fingerprint(before);
});

test.afterAll(async () => {
  await server?.kill();
  fs.rmSync(dir, { recursive: true, force: true });
});

const batch = (prefix: string, n: number) =>
  JSON.stringify(
    Array.from({ length: n }, (_, i) => ({
      externalId: `${prefix}${i}`,
      unitCode: codes[i % codes.length],
      domain: 'ai',
      dimension: 'data',
      tier: 4,
      occurredAt: `2026-04-${String(1 + (i % 28)).padStart(2, '0')}T10:00:00+08:00`,
      summary: `crash batch item ${i}`,
    })),
  );

test('SIGKILL during a 5,000-item API batch leaves all of it or none of it', async () => {
  const outcomes: string[] = [];
  // Try until one kill lands while the batch's transaction is being written (the WAL grows), at most 4 times.
  for (let attempt = 0; attempt < 4 && !outcomes.some((o) => o.startsWith('killed')); attempt++) {
    const prefix = `CRASH-API-${attempt}-`;
    truncateWal();
    const post = fetch(`${server.url}/api/v1/incidents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: batch(prefix, 5000),
    }).then(
      (r) => r.status,
      () => 'connection lost',
    );
    let answered: unknown = null;
    void post.then((s) => (answered = s));
    const writing = await until(() => answered !== null || walSize() > 256 * 1024, 60_000, 2);
    expect(writing).toBe(true);
    const killed = answered === null;
    if (killed) {
      await server.kill('SIGKILL');
      outcomes.push(`killed mid-write with ${(walSize() / 1024).toFixed(0)} KB in the WAL`);
    } else outcomes.push(`answered ${String(answered)} first`);
    expect(await post).toBe(killed ? 'connection lost' : 200);
    if (killed) server = await startServer({ port: PORT, db, env: { FENGHUO_BACKUP_KEEP: '0', FENGHUO_API_RATE: '0' } });
    const n = count(prefix);
    expect([0, 5000]).toContain(n);
    if (killed) outcomes.push(`after restart: ${n} of 5000`);
  }
  console.log(`API batch: ${outcomes.join('; ')}`);
  expect(outcomes.some((o) => o.startsWith('killed mid-write'))).toBe(true);
  expect(fingerprint(before)).toBe(beforePrint);
});

test('SIGKILL of the server and of a 100,000-row import in the middle leaves all rows or none', async () => {
  const file = path.join(dir, 'incidents-100k.csv');
  const lines = ['externalId,unitCode,domain,dimension,tier,occurredAt,reportedAt,summary'];
  for (let i = 0; i < 100_000; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    lines.push(`CRASH-IMP-${i},${codes[i % codes.length]},drones,loss,4,2026-03-${day} 09:30,2026-03-${day} 11:00,无人机试飞失控坠落`);
  }
  fs.writeFileSync(file, lines.join('\n'));
  truncateWal();
  const importer = spawn(process.execPath, ['--import', 'tsx', 'cli/index.ts', 'import', file, '--kind', 'incidents', '--user', 'office'], {
    env: { ...process.env, FENGHUO_DB: db },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let progress = '';
  importer.stderr.on('data', (c: Buffer) => (progress += c.toString()));
  const exited = new Promise<number | null>((resolve) => importer.on('exit', (code) => resolve(code)));
  // Past validation, in the one transaction, with 8 MB of it already in the WAL: kill both processes.
  expect(await until(() => /writing 100000 rows/.test(progress) || importer.exitCode !== null, 150_000, 20), progress).toBe(true);
  expect(await until(() => walSize() > 8 * MB || importer.exitCode !== null, 60_000, 5), progress).toBe(true);
  const walAtKill = walSize();
  importer.kill('SIGKILL');
  await server.kill('SIGKILL');
  const code = await exited;
  server = await startServer({ port: PORT, db, env: { FENGHUO_BACKUP_KEEP: '0', FENGHUO_API_RATE: '0' } });
  const n = count('CRASH-IMP-');
  console.log(`100k import: killed with ${(walAtKill / MB).toFixed(1)} MB in the WAL (exit ${code}); after restart ${n} of 100000 rows`);
  expect(code).toBeNull();
  expect([0, 100_000]).toContain(n);
  expect(fingerprint(before)).toBe(beforePrint);
  // The restarted server serves and accepts writes.
  const res = await fetch(`${server.url}/api/v1/incidents`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: batch('CRASH-AFTER-', 10),
  });
  expect(res.status).toBe(200);
});

test('after the crashes the database passes integrity_check and the audit chain verifies', async () => {
  await server.kill('SIGTERM');
  const check = ro((d) => d.pragma('integrity_check') as { integrity_check: string }[]);
  expect(check).toEqual([{ integrity_check: 'ok' }]);
  expect(cli(db, 'audit', 'verify')).toMatch(/Audit chain intact/);
  expect(fingerprint(before)).toBe(beforePrint);
});
