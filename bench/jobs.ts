// `npm run bench -- jobs`: what the start-up jobs cost when one institute has filed a flood of overdue
// hazards (issue 13, item 8; decision 031), without a server: each phase of the provisional rating
// (reading the inputs, evaluating, storing), the alerts run and the bulletin catch-up, wall and CPU time.
//   BENCH_HAZARDS (default 150000).
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { openDatabase, type Db } from '@/db/client';
import { rawGet } from '@/db/engine';
import { loadRatingInputs } from '@/db/rating/rating-inputs';
import { activeRatingRuleSet } from '@/db/rule-sets/rating-rule-sets';
import { storeRatings } from '@/db/rating/rating-store';
import { runAlerts } from '@/features/alerts/run-alerts';
import { evaluate, evaluationInstant } from '@/domain/rating/evaluate';
import { refreshProvisionalRatings } from '@/features/rating/refresh';
import { catchUpBulletins } from '@/features/bulletins/due-bulletins';
import { shanghaiYear, yearStart } from '@/domain/time/shanghai';
import { buildFloodDb, FLOOD_UNIT } from './flood-db';

const HAZARDS = Number(process.env.BENCH_HAZARDS ?? 150_000);
const file = path.resolve('.tmp/bench/jobs.db');

async function time<T>(name: string, work: () => T | Promise<T>): Promise<T> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const result = await work();
  const cpu = process.cpuUsage(c0);
  const wall = performance.now() - t0;
  console.log(
    `${name.padEnd(44)} ${(wall / 1000).toFixed(2).padStart(7)} s wall ${((cpu.user + cpu.system) / 1e6).toFixed(2).padStart(7)} s CPU`,
  );
  return result;
}

/** The rating of the flooded institute, phase by phase (what refreshProvisionalRatings does for it). */
async function phases(db: Db, now: Date): Promise<void> {
  const year = shanghaiYear(now);
  const rules = await activeRatingRuleSet(db);
  const asOf = evaluationInstant(year, now);
  const id = (await rawGet<{ id: number }>(db, sql`SELECT id FROM units WHERE code = ${FLOOD_UNIT}`))!.id;
  const inputs = await time('  load inputs (flooded institute)', () => loadRatingInputs(db, { start: yearStart(year), asOf }, rules, [id]));
  const rating = await time('  evaluate', () => evaluate(inputs.records.get(id)!, rules, year, asOf));
  console.log(
    `    ${rating.contributions.length.toLocaleString('en-US')} contributions, ${rating.floors.length.toLocaleString('en-US')} floors`,
  );
  await time('  store', () => storeRatings(db, year, 'provisional', [{ institute: inputs.institutes[0]!, rating }], now));
  const stored = (await rawGet<{ floors: number; lines: number }>(
    db,
    sql`SELECT length(floors) AS floors, (SELECT count(*) FROM rating_contributions WHERE rating_id = r.id) AS lines
        FROM ratings r WHERE institute_id = ${id} AND year = ${year} AND status = 'provisional'`,
  ))!;
  console.log(`    stored: floors JSON ${(stored.floors / 1024).toFixed(0)} KB, ${stored.lines.toLocaleString('en-US')} contribution rows`);
}

async function main() {
  const ms = await buildFloodDb(file, HAZARDS);
  console.log(`${HAZARDS.toLocaleString('en-US')} hazards for ${FLOOD_UNIT} inserted in ${(ms / 1000).toFixed(1)} s`);
  const db = openDatabase(file);
  const now = new Date();
  await time('refreshProvisionalRatings (start: every institute)', () => refreshProvisionalRatings(db, now));
  await phases(db, now);
  await time('runAlerts (first pass over the flood)', () => runAlerts(db, { now }));
  await time('catchUpBulletins', () => catchUpBulletins(db, now));
  db.close();
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
