// Benchmark: rating every institute for a year at the scale of issue 4 (2,000 institutes, 1 M incidents and
// 3 M hazards over ten years), beside raw SQLite reading the same rows, in one run. `npm run bench`.
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { openDatabase } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { ensureReferenceData } from '@/db/reference/reference';
import { CAS_2019_V1 } from '@/domain/rating/default-rule-set';
import { rateInstitutes } from '@/features/rating/rate-institutes';
import { yearStart } from '@/domain/time/shanghai';
import { buildDataset } from './dataset';
import { median, time } from './measure';
import { openRaw } from './raw-sqlite';

const INSTITUTES = Number(process.env.BENCH_INSTITUTES ?? 2000);
const INCIDENTS = Number(process.env.BENCH_INCIDENTS ?? 1_000_000);
const HAZARDS = Number(process.env.BENCH_HAZARDS ?? 3_000_000);
const FIRST_YEAR = 2016;
const YEAR = 2025;
const file = path.resolve(`.tmp/bench/rating-${INSTITUTES}-${INCIDENTS}-${HAZARDS}.db`);

/**
 * The same rows and columns the rating reads, by the same statements, without mapping or evaluating them:
 * raw better-sqlite3 on a connection of its own to the same file (the baseline, not the product).
 */
function rawRead(c: Database.Database): number {
  const start = yearStart(YEAR).getTime();
  const asOf = yearStart(YEAR + 1).getTime();
  const hazardCols = 'id, external_id, institute_id, severity, found_at, due_at, rectified_at, status';
  let rows = 0;
  for (const _ of c
    .prepare(
      'SELECT id, external_id, institute_id, tier, occurred_at, discovered_at, reported_at, deaths, serious_injuries, direct_loss_cny, concealed, status FROM incidents WHERE occurred_at >= ? AND occurred_at < ?',
    )
    .raw()
    .iterate(start, asOf))
    rows++;
  for (const _ of c
    .prepare(
      `SELECT ${hazardCols} FROM hazards WHERE found_at >= ? AND found_at < ?
       UNION ALL SELECT ${hazardCols} FROM hazards WHERE rectified_at IS NULL AND found_at < ? AND due_at < ?
       UNION ALL SELECT ${hazardCols} FROM hazards WHERE rectified_at > ? AND found_at < ? AND due_at < ? AND rectified_at > due_at`,
    )
    .raw()
    .iterate(start, asOf, start, asOf, start, start, asOf))
    rows++;
  for (const _ of c
    .prepare(
      'SELECT id, external_id, institute_id, started_at, requires_permit, permit_at, requires_filing, filed_at, status FROM projects WHERE started_at >= ? AND started_at < ?',
    )
    .raw()
    .iterate(start, asOf))
    rows++;
  return rows;
}

async function main(): Promise<void> {
  const fresh = !fs.existsSync(file);
  const db = openDatabase(file);
  await migrateDatabase(db);
  await ensureReferenceData(db);
  const sqlite = openRaw(file);
  if (fresh) {
    console.log(`Building ${file}: ${INSTITUTES} institutes, ${INCIDENTS} incidents, ${HAZARDS} hazards (${FIRST_YEAR}-${YEAR})…`);
    const built = await time(() =>
      buildDataset(sqlite, {
        institutes: INSTITUTES,
        incidents: INCIDENTS,
        hazards: HAZARDS,
        from: yearStart(FIRST_YEAR),
        until: yearStart(YEAR + 1),
      }),
    );
    console.log(`  built in ${(built.ms / 1000).toFixed(1)} s (kept for later runs)`);
  }
  // Warm the file's pages once, then alternate the two so that noise hits both alike.
  rawRead(sqlite);
  const product: number[] = [];
  const raw: number[] = [];
  let rated = 0;
  let rows = 0;
  for (let i = 0; i < 5; i++) {
    const r = await time(() => rawRead(sqlite));
    raw.push(r.ms);
    rows = r.result;
    const p = await time(() => rateInstitutes(db, CAS_2019_V1, YEAR));
    product.push(p.ms);
    rated = p.result.length;
  }
  const p = median(product);
  const q = median(raw);
  console.log(`rating ${YEAR}: ${rated} institutes from ${rows} rows`);
  console.log(`  product (read + evaluate + explain): median ${p.toFixed(0)} ms`);
  console.log(`  raw SQLite (same rows, no mapping):  median ${q.toFixed(0)} ms`);
  console.log(`  ratio product / raw: ${(p / q).toFixed(2)}  (target: under 2 s for the product)`);
  sqlite.close();
  db.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
