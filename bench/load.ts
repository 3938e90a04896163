// Benchmark: 100 concurrent API writers (and 4 readers) for 60 s against the production server on
// loopback, beside raw SQLite committing the same rows one transaction each, in one run.
// `npm run bench -- load` (needs `npx next build` first). BENCH_LOAD_SECONDS shortens it.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { cli, startServer } from './server-process';
import { describeLoad, runLoad } from './load-driver';

const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 60);
const PORT = Number(process.env.BENCH_LOAD_PORT ?? 3319);
const dir = path.resolve('.tmp/bench');

/** Raw SQLite: one INSERT per transaction for `ms`, WAL mode, with the given synchronous setting. */
function rawCommits(file: string, synchronous: 'FULL' | 'NORMAL', ms: number): number {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  const d = new Database(file);
  d.pragma('journal_mode = WAL');
  d.pragma(`synchronous = ${synchronous}`);
  d.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, external_id TEXT UNIQUE, unit TEXT, at INTEGER, summary TEXT)');
  const insert = d.prepare('INSERT INTO t (external_id, unit, at, summary) VALUES (?, ?, ?, ?)');
  const started = performance.now();
  let n = 0;
  while (performance.now() - started < ms) insert.run(`RAW-${n}`, 'BJ01', Date.now(), `raw item ${n++}`);
  const perSec = n / ((performance.now() - started) / 1000);
  d.close();
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  return perSec;
}

async function main() {
  fs.mkdirSync(dir, { recursive: true });
  const db = path.join(dir, `load-${process.pid}.db`);
  const server = await startServer({ port: PORT, db, env: { FENGHUO_BACKUP_KEEP: '0', FENGHUO_API_RATE: '0' } });
  try {
    const writerTokens = Array.from({ length: 10 }, () => cli(db, 'token', 'create', '--user', 'office').trim());
    const readerToken = cli(db, 'token', 'create', '--user', 'leader').trim();
    const read = new Database(db, { readonly: true });
    const unitCodes = (read.prepare("SELECT code FROM units WHERE kind = 'institute'").all() as { code: string }[]).map((u) => u.code);
    const rss: number[] = [server.rssMb()];
    const sampler = setInterval(() => rss.push(server.rssMb()), 500);
    console.log(`100 writers, 4 readers, ${SECONDS} s, rate limit off (see the test for the limit)…`);
    const result = await runLoad({
      baseUrl: server.url,
      writerTokens,
      readerToken,
      durationMs: SECONDS * 1000,
      prefix: `BL${process.pid}`,
      unitCodes,
    });
    clearInterval(sampler);
    const stored = read
      .prepare('SELECT count(*) AS n, count(DISTINCT external_id) AS d FROM incidents WHERE external_id LIKE ?')
      .get(`BL${process.pid}-%`) as { n: number; d: number };
    read.close();
    console.log(describeLoad(result));
    console.log(
      `  stored ${stored.n} (distinct ${stored.d}) of ${result.acknowledged.size} acknowledged; server RSS start ${rss[0]!.toFixed(0)} MB, peak ${Math.max(...rss).toFixed(0)} MB`,
    );
    if (stored.n !== result.acknowledged.size || stored.d !== stored.n || result.writes.failed || result.reads.failed)
      throw new Error(`lost, duplicated or failed requests: ${result.failures.slice(0, 5).join('; ')}`);
    const rawFull = rawCommits(path.join(dir, `raw-${process.pid}.db`), 'FULL', 5000);
    const rawNormal = rawCommits(path.join(dir, `raw-${process.pid}.db`), 'NORMAL', 5000);
    const productPerSec = result.writes.ok / (result.durationMs / 1000);
    console.log(`  raw SQLite, one commit per row: ${rawFull.toFixed(0)}/s with synchronous=FULL, ${rawNormal.toFixed(0)}/s with NORMAL`);
    console.log(`  ratio raw FULL / product: ${(rawFull / productPerSec).toFixed(1)}`);
  } finally {
    await server.kill('SIGTERM');
    for (const f of [db, `${db}-wal`, `${db}-shm`]) fs.rmSync(f, { force: true });
  }
}

void main();
