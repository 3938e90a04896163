import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, test } from './fixtures';
import { E2E_PG_SERVER_VAR } from './config';
import { openSpecDb, releaseSpecDb, type SpecDb } from './e2e-db';
import { adminQuery, createEmptyDatabase, quoteIdent } from '../setup/pg-admin';
import { cli, envFor, startServer, type OwnServer } from '../../bench/server-process';

// Crash safety (issue 7 part 1): a production server of its own, killed with SIGKILL while a 5,000-item API
// batch and a 100,000-row import are being written, comes back with each of them whole or absent, the data
// from before untouched, and a database that passes its engine's integrity check and the audit-chain check.
// On SQLite the server has a file of its own; in the PostgreSQL run (playwright.pg.config.ts, which names its
// cluster in FENGHUO_E2E_PG_SERVER) a database of its own on that cluster. Either way the write-ahead log's
// growth shows a transaction being written: the WAL file's size, or PostgreSQL's WAL insert position.
const PORT = Number(process.env.E2E_CRASH_PORT ?? 3310);
const pgServer = process.env[E2E_PG_SERVER_VAR];
const pgName = `fenghuo_crash_${process.pid}`;
const dir = path.resolve(`.tmp/e2e-crash-${process.pid}`);
const file = path.join(dir, 'fenghuo.db');
/** The server's database: the file, or a URL on the PostgreSQL run's cluster (made in beforeAll). */
let db = file;
const wal = `${file}-wal`;
const MB = 1024 * 1024;

test.describe.configure({ mode: 'serial' });
test.setTimeout(240_000);

function ro<T>(work: (d: SpecDb) => T): T {
  const d = openSpecDb(db);
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
      for (const row of d.prepare(`SELECT * FROM ${table} WHERE id <= ? ORDER BY id`).all(max)) h.update(JSON.stringify(row));
    return h.digest('hex');
  });
}

/** PostgreSQL's WAL insert position when the server was last idle. */
let walMark = '0/0';

/** Marks the write-ahead log while the server is idle, so that its growth since shows a transaction being written. */
function markWal(): void {
  if (pgServer) {
    walMark = ro((d) => (d.prepare('SELECT pg_current_wal_insert_lsn()::text AS lsn').get() as { lsn: string }).lsn);
    return;
  }
  // SQLite: empty the log; its size is then the growth.
  const d = new Database(file, { fileMustExist: true });
  try {
    d.pragma('busy_timeout = 5000');
    d.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    d.close();
  }
}
/**
 * Bytes written to the write-ahead log since markWal(). On PostgreSQL the log is the cluster's, which other
 * databases (the pg run's own server) write too: it counts only while a transaction of this database holds a
 * transaction id (has written), so that a kill is known to land inside a write of this server's.
 */
const walSize = () =>
  pgServer
    ? ro(
        (d) =>
          (
            d
              .prepare(
                `SELECT CASE WHEN EXISTS (SELECT 1 FROM pg_stat_activity WHERE datname = current_database()
                   AND backend_xid IS NOT NULL AND pid <> pg_backend_pid())
                 THEN pg_wal_lsn_diff(pg_current_wal_insert_lsn(), ?::pg_lsn) ELSE 0 END AS n`,
              )
              .get(walMark) as { n: number }
          ).n,
      )
    : fs.existsSync(wal)
      ? fs.statSync(wal).size
      : 0;

/**
 * The engine's own integrity check: SQLite's PRAGMA integrity_check, or on PostgreSQL amcheck over every
 * table (verify_heapam) and every B-tree index with its heap (bt_index_check), which answers "ok" when
 * nothing is found.
 */
function integrity(): string {
  if (!pgServer) return ro((d) => (d as unknown as Database.Database).pragma('integrity_check', { simple: true }) as string);
  return ro((d) => {
    d.prepare('CREATE EXTENSION IF NOT EXISTS amcheck').all();
    const tables = "c.relnamespace = 'public'::regnamespace";
    const heap = d
      .prepare(`SELECT c.relname, v.msg FROM pg_class c, LATERAL verify_heapam(c.oid) v WHERE c.relkind = 'r' AND ${tables}`)
      .all() as { relname: string; msg: string }[];
    const { n } = d
      .prepare(
        `SELECT count(bt_index_check(c.oid, true)) AS n FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
         JOIN pg_am a ON a.oid = c.relam WHERE a.amname = 'btree' AND i.indisvalid AND ${tables}`,
      )
      .get() as { n: number };
    if (heap.length) return heap.map((r) => `${r.relname}: ${r.msg}`).join('\n');
    return n > 0 ? 'ok' : 'no index checked';
  });
}

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
  if (pgServer) db = await createEmptyDatabase(pgServer, pgName);
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
  if (pgServer) {
    await releaseSpecDb(db);
    await adminQuery(pgServer, `DROP DATABASE IF EXISTS ${quoteIdent(pgName)} WITH (FORCE)`);
  }
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
    markWal();
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
  markWal();
  const importer = spawn(process.execPath, ['--import', 'tsx', 'cli/index.ts', 'import', file, '--kind', 'incidents', '--user', 'office'], {
    env: envFor(db),
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

test('after the crashes the database passes its integrity check and the audit chain verifies', async () => {
  await server.kill('SIGTERM');
  expect(integrity()).toBe('ok');
  expect(cli(db, 'audit', 'verify')).toMatch(/Audit chain intact/);
  expect(fingerprint(before)).toBe(beforePrint);
});
