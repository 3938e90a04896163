// `npm run bench -- big-writes` (decision 032): a 100,000-row incident CSV stored inline (as `cli import`
// does) and by the import pool's worker (as a confirmed upload is), and 5,000-item API batches inline and
// by the worker, in one run on one database. For each: the wall time, the process's CPU (all threads), and
// how long the event loop kept a request waiting (a probe every 20 ms, as tests/setup/loop-lag.ts measures).
//   BENCH_BIG_ROWS (default 100000), BENCH_BATCH (default 5000).
import { sql } from 'drizzle-orm';
import { closeDatabase, openDatabase } from '@/db/client';
import { rawAll } from '@/db/engine';
import { bootstrap } from '@/server/startup/bootstrap';
import { parseEnv } from '@/server/env';
import { resolveActor } from '@/features/auth/resolve-actor';
import { importSpreadsheet } from '@/features/import/import';
import { ImportPool, DEFAULT_POOL } from '@/features/import/import-pool';
import { submitRecords } from '@/features/records/submit';
import { submitBatch } from '@/features/records/submit-off-thread';
import { describeLag, lagDuring } from '../tests/setup/loop-lag';
import { benchLocation, engineName, locationEnv, removeBenchDb } from './bench-db';
import { report, type Figure } from './report';

const ROWS = Number(process.env.BENCH_BIG_ROWS ?? 100_000);
const BATCH = Number(process.env.BENCH_BATCH ?? 5_000);
const figures: Figure[] = [];

function csv(prefix: string, codes: string[]): Buffer {
  const lines = ['externalId,unitCode,domain,dimension,tier,occurredAt,summary'];
  for (let i = 0; i < ROWS; i++)
    lines.push(
      `${prefix}-${i},${codes[i % codes.length]},drones,loss,4,2026-03-${String(1 + (i % 28)).padStart(2, '0')} 09:30,无人机试飞失控坠落`,
    );
  return Buffer.from(lines.join('\n'));
}

const batch = (prefix: string, codes: string[]) =>
  Array.from({ length: BATCH }, (_, i) => ({
    externalId: `${prefix}-${i}`,
    unitCode: codes[i % codes.length],
    domain: 'drones',
    dimension: 'loss',
    tier: 4,
    occurredAt: `2026-03-${String(1 + (i % 28)).padStart(2, '0')}T09:30:00+08:00`,
    summary: '无人机试飞失控坠落',
  }));

/** Wall time, the process's CPU (all threads) and the event loop's answer delays while `work` runs. */
async function timed(label: string, items: number, work: () => Promise<unknown>): Promise<number> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const { lag } = await lagDuring(work);
  const wall = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  console.log(
    `  ${label}: ${(wall / 1000).toFixed(1)} s, ${((items / wall) * 1000).toFixed(0)} items/s; CPU (all threads) ${(cpuMs / 1000).toFixed(1)} s (${(cpuMs / items).toFixed(2)} ms/item); health ${describeLag(lag)}`,
  );
  return (items / wall) * 1000;
}

async function main() {
  const location = benchLocation(`big-writes-${process.pid}`);
  const db = openDatabase(location);
  await bootstrap(db, parseEnv(locationEnv(location)));
  const codes = (await rawAll<{ code: string }>(db, sql`SELECT code FROM units WHERE kind = 'institute'`)).map((u) => u.code);
  const actor = (await resolveActor(db, { cliLogin: 'office' }))!;
  const pool = new ImportPool(DEFAULT_POOL);
  console.log(`${ROWS}-row import and ${BATCH}-item batches, ${codes.length} institutes, on ${engineName}`);

  await timed('import inline (cli import)', ROWS, () =>
    importSpreadsheet(db, actor, 'incidents', csv('IN', codes), 'csv', { dryRun: false, now: new Date() }),
  );
  const byWorker = await timed('import by the worker (confirmed upload)', ROWS, async () => {
    const ticket = pool.admit()!;
    const file = csv('WK', codes);
    const { report } = await ticket.run({
      mode: 'write',
      dbFile: db.file,
      actor,
      kind: 'incidents',
      format: 'csv',
      file,
      now: Date.now(),
    });
    if (!report.ok || report.created !== ROWS) throw new Error(`worker import failed: ${JSON.stringify(report).slice(0, 500)}`);
  });
  figures.push({ figure: `${ROWS}-row import by the worker`, value: byWorker, unit: 'records/s' });
  const batches: number[] = [];
  for (const k of [0, 1]) {
    await timed(`batch inline #${k + 1}`, BATCH, async () =>
      submitRecords(db, actor, 'incidents', batch(`BI${k}`, codes), { now: new Date(), source: 'api' }),
    );
    batches.push(
      await timed(`batch by the worker #${k + 1}`, BATCH, () =>
        submitBatch(db, actor, 'incidents', batch(`BW${k}`, codes), { now: new Date(), source: 'api' }, pool),
      ),
    );
  }
  figures.push({ figure: `${BATCH}-item batch by the worker (no HTTP)`, value: Math.min(...batches), unit: 'records/s' });
  await pool.close();
  await closeDatabase(db);
  removeBenchDb(location);
  report('big-writes', figures);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
