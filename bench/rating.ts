// Benchmark: rating every institute for a year at the scale of issue 4 (2,000 institutes, 1 M incidents and
// 3 M hazards over ten years), beside the engine's own driver reading the same rows, in one run, on the engine
// bench/index.ts chose for this process (bench/bench-db.ts). `npm run bench -- rating`.
import fs from 'node:fs';
import { sql } from 'drizzle-orm';
import { closeDatabase, openDatabase } from '@/db/client';
import { rawGet } from '@/db/engine';
import { migrateDatabase } from '@/db/migrate';
import { ensureReferenceData } from '@/db/reference/reference';
import { CAS_2019_V1 } from '@/domain/rating/default-rule-set';
import { rateInstitutes } from '@/features/rating/rate-institutes';
import { DAY_MS, yearStart } from '@/domain/time/shanghai';
import { buildDataset } from './dataset';
import { median, time } from './measure';
import { benchLocation, engineName, onPg } from './bench-db';
import { openRawDb, type RawDb } from './raw-db';
import { report } from './report';

const INSTITUTES = Number(process.env.BENCH_INSTITUTES ?? 2000);
const INCIDENTS = Number(process.env.BENCH_INCIDENTS ?? 1_000_000);
const HAZARDS = Number(process.env.BENCH_HAZARDS ?? 3_000_000);
const FIRST_YEAR = 2016;
const YEAR = 2025;
const location = benchLocation(`rating-${INSTITUTES}-${INCIDENTS}-${HAZARDS}`);

/**
 * The same rows and columns the rating reads, by the same statements (db/rating/rating-inputs.ts: the
 * institutes, then each record kind's), without mapping or evaluating them: the engine's own driver on a
 * connection of its own to the same database (the baseline, not the product).
 */
async function rawRead(c: RawDb): Promise<number> {
  const start = yearStart(YEAR).getTime();
  const asOf = yearStart(YEAR + 1).getTime();
  const hazardCols = 'id, external_id, institute_id, severity, found_at, due_at, rectified_at, status';
  const statements: [string, unknown[]][] = [
    [
      `SELECT u.id, u.code, u.name, u.name_en, b.id, b.code, b.name, b.name_en
       FROM units u LEFT JOIN units b ON b.id = u.parent_id AND b.kind = 'branch'
       WHERE u.kind = 'institute' AND (u.active_from IS NULL OR u.active_from < ?) AND (u.active_to IS NULL OR u.active_to >= ?)
       ORDER BY u.code`,
      [asOf, start],
    ],
    [
      'SELECT id, external_id, institute_id, tier, occurred_at, discovered_at, reported_at, deaths, serious_injuries, direct_loss_cny, concealed, status, report_time_unknown FROM incidents WHERE occurred_at >= ? AND occurred_at < ?',
      [start, asOf],
    ],
    [
      `SELECT ${hazardCols} FROM hazards WHERE found_at >= ? AND found_at < ?
       UNION ALL SELECT ${hazardCols} FROM hazards WHERE rectified_at IS NULL AND found_at < ? AND due_at < ?
       UNION ALL SELECT ${hazardCols} FROM hazards WHERE rectified_at > ? AND found_at < ? AND due_at < ? AND rectified_at > due_at`,
      [start, asOf, start, asOf, start, start, asOf],
    ],
    [
      'SELECT id, external_id, institute_id, started_at, requires_permit, permit_at, requires_filing, filed_at, status FROM projects WHERE started_at >= ? AND started_at < ?',
      [start, asOf],
    ],
    [
      `SELECT a.id, a.external_id, a.institute_id, a.project_id, a.status, a.decided_at FROM assessments a JOIN projects p ON p.id = a.project_id
       WHERE p.started_at >= ? AND p.started_at < ? AND a.status = 'approved'`,
      [start, asOf],
    ],
    [
      'SELECT id, external_id, institute_id, established_at, registered_at, dissolved_at, status FROM ethics_committees WHERE established_at < ?',
      [asOf],
    ],
    [
      'SELECT id, external_id, institute_id, approved_at, registered_at, status FROM ethics_activities WHERE approved_at >= ? AND approved_at < ?',
      [start - CAS_2019_V1.ethics.activityRegistrationDays * DAY_MS, asOf],
    ],
    ['SELECT id, external_id, institute_id, year, submitted_at, status FROM ethics_annual_reports WHERE year = ?', [YEAR - 1]],
  ];
  let rows = 0;
  for (const [text, params] of statements) rows += await c.scan(text, params);
  return rows;
}

async function main(): Promise<void> {
  const fresh = onPg || !fs.existsSync(location);
  const db = openDatabase(location);
  await migrateDatabase(db);
  await ensureReferenceData(db);
  const raw = await openRawDb(location);
  if (fresh || (await rawGet<{ n: number }>(db, sql`SELECT count(*) AS n FROM units`))!.n === 0) {
    console.log(
      `Building the ${engineName} database: ${INSTITUTES} institutes, ${INCIDENTS} incidents, ${HAZARDS} hazards (${FIRST_YEAR}-${YEAR})…`,
    );
    const built = await time(() =>
      buildDataset(raw, {
        institutes: INSTITUTES,
        incidents: INCIDENTS,
        hazards: HAZARDS,
        from: yearStart(FIRST_YEAR),
        until: yearStart(YEAR + 1),
      }),
    );
    console.log(`  built in ${(built.ms / 1000).toFixed(1)} s${onPg ? '' : ' (kept for later runs)'}`);
  }
  // Warm each connection's pages and each side's compiled code once, then alternate the two so that noise
  // hits both alike.
  await rawRead(raw);
  await rateInstitutes(db, CAS_2019_V1, YEAR);
  const product: number[] = [];
  const rawMs: number[] = [];
  let rated = 0;
  let rows = 0;
  for (let i = 0; i < 7; i++) {
    const r = await time(() => rawRead(raw));
    rawMs.push(r.ms);
    rows = r.result;
    const p = await time(() => rateInstitutes(db, CAS_2019_V1, YEAR));
    product.push(p.ms);
    rated = p.result.length;
  }
  const p = median(product);
  const q = median(rawMs);
  console.log(`rating ${YEAR} on ${engineName}: ${rated} institutes from ${rows} rows`);
  console.log(`  product (read + evaluate + explain): median ${p.toFixed(0)} ms`);
  console.log(`  raw ${engineName} (same rows, no mapping): median ${q.toFixed(0)} ms`);
  console.log(`  ratio product / raw: ${(p / q).toFixed(2)}  (target: under 2 s for the product; ratio at most 2)`);
  report('rating', [
    { figure: 'rating all institutes, median', value: p, unit: 'ms', raw: q, goal: { max: 2000 } },
    { figure: 'rating, product / raw', value: p / q, unit: '×', goal: { max: 2 } },
  ]);
  await raw.close();
  await closeDatabase(db);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
