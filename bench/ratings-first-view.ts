// Benchmark of issue 15 item 2 (decision 045): the first view of /ratings after midnight at 2,000
// institutes answers in under 200 ms, because reads never rate: the daily job re-rates at 00:00 in the job
// thread, and the page reads what is stored. Before, the first read of each Beijing day rated every
// institute again (or handed it over and waited up to FENGHUO_RATING_WAIT_MS). Measured in process: the
// page's data work (what app/(app)/ratings/page.tsx awaits before rendering), for this year's provisional
// ratings and for the page's default year (the last that ended, final), beside raw SQLite reading the same
// stored rows, and the API's first page; checks that none of it wrote; then what a write's re-rating costs
// inline, and, for scale, what the midnight job itself costs (which no view waits for).
// `npm run bench -- ratings-first-view`. The database is built once and kept in .tmp/bench.
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { openDatabase, type Db } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { ensureReferenceData } from '@/db/reference/reference';
import { ratingTableRows, ratingYearSummary, settledLevels } from '@/db/rating/ratings';
import { activeRatingRuleSet } from '@/db/rule-sets/rating-rule-sets';
import { ALL_UNITS, type Actor } from '@/domain/auth/actor';
import { DAY_MS, shanghaiDate, yearStart } from '@/domain/time/shanghai';
import { loadRatingsTable, ratingsQuerySchema } from '@/features/rating/views/ratings-table';
import { awaitProvisionalRatings, ensureYearRatings } from '@/features/rating/year-ratings';
import { publishedDrift } from '@/features/rating/published-drift';
import { ratingsForApi } from '@/features/rating/api-ratings';
import { refreshProvisionalRatings } from '@/features/rating/refresh';
import { ratingsFollowWrites } from '@/features/rating/follow-writes';
import { appendAudit } from '@/db/audit/audit-log';
import { buildDataset } from './dataset';
import { median, time } from './measure';
import { rawSqlite } from './raw-db';
import { openRaw } from './raw-sqlite';

const INSTITUTES = Number(process.env.BENCH_INSTITUTES ?? 2000);
const INCIDENTS = Number(process.env.BENCH_INCIDENTS ?? 1_000_000);
const HAZARDS = Number(process.env.BENCH_HAZARDS ?? 3_000_000);
const TARGET_MS = 200;
/** A fixed clock, so every run measures the same day: records up to it, the view 30 s after midnight. */
const MIDNIGHT = shanghaiDate(2025, 12, 15);
const YEAR = 2025;
const VIEW_AT = new Date(MIDNIGHT.getTime() + 30_000);
const file = path.resolve(`.tmp/bench/ratings-first-view-${INSTITUTES}-${INCIDENTS}-${HAZARDS}.db`);

const office: Actor = {
  userId: 0,
  login: 'bench.office',
  displayName: 'bench',
  role: 'office',
  unitId: 1,
  unitCode: 'ACADEMY',
  unitName: '本院',
  unitNameEn: null,
  scope: ALL_UNITS,
  via: 'cli',
};

/** What the ratings page awaits before it renders, for `year` (undefined: the page's default year). */
async function pageData(db: Db, year: number | undefined): Promise<number> {
  const q = ratingsQuerySchema.parse(year === undefined ? {} : { year: String(year) });
  await awaitProvisionalRatings(db, year ?? YEAR - 1, VIEW_AT);
  const table = await loadRatingsTable(db, office, q, VIEW_AT);
  await ratingYearSummary(db, table.year);
  await activeRatingRuleSet(db);
  return table.rows.length;
}

/** What a read could have written: the newest rating and audit entry, every setting. Must not move. */
function writes(c: Database.Database): string {
  return JSON.stringify(
    c
      .prepare(
        "SELECT (SELECT max(id) FROM ratings) AS r, (SELECT max(id) FROM audit_log) AS a, (SELECT group_concat(key || '=' || value, ';') FROM settings) AS s",
      )
      .get(),
  );
}

/**
 * The same page with the "would differ now" flags read as stored (features/rating/published-drift.ts)
 * instead of rechecking the year per view: what loadRatingsTable does once it adopts them (decision 045).
 */
async function pageDataStoredFlags(db: Db, year: number): Promise<number> {
  const status = (await ensureYearRatings(db, year, VIEW_AT))!;
  const rows = await db.snapshot(async (tx) => {
    const all = await ratingTableRows(tx, ALL_UNITS, year, status);
    await settledLevels(tx, ALL_UNITS, year - 1);
    return all;
  });
  if (status === 'published') await publishedDrift(db, year);
  await ratingYearSummary(db, year);
  await activeRatingRuleSet(db);
  return rows.length;
}

/** The same stored rows by bare statements: the table's rows with unit and branch, last year's levels, the summary. */
function rawPageData(c: Database.Database, year: number, status: string): number {
  const rows = c
    .prepare(
      `SELECT r.id, r.institute_id, r.points, r.level, r.level_by_points, r.floors, r.as_of, r.computed_at, r.rule_set_version,
              u.code, u.name, u.name_en, b.code AS branch_code, b.name AS branch_name, b.name_en AS branch_name_en
         FROM ratings r JOIN units u ON u.id = r.institute_id LEFT JOIN units b ON b.id = u.parent_id
        WHERE r.year = ? AND r.status = ? ORDER BY r.points DESC, u.code`,
    )
    .raw()
    .all(year, status);
  c.prepare(`SELECT institute_id, level FROM ratings WHERE year = ? AND status IN ('published', 'final')`)
    .raw()
    .all(year - 1);
  c.prepare('SELECT status, count(*) FROM ratings WHERE year = ? GROUP BY status').raw().all(year);
  return rows.length;
}

async function prepare(db: Db, sqlite: Database.Database): Promise<void> {
  const built = sqlite.prepare("SELECT count(*) AS n FROM units WHERE kind = 'institute'").get() as { n: number };
  if (built.n === 0) {
    console.log(
      `Building ${file}: ${INSTITUTES} institutes, ${INCIDENTS} incidents, ${HAZARDS} hazards (2016 to ${MIDNIGHT.toISOString()})…`,
    );
    const took = await time(() =>
      buildDataset(rawSqlite(sqlite), {
        institutes: INSTITUTES,
        incidents: INCIDENTS,
        hazards: HAZARDS,
        from: yearStart(2016),
        until: MIDNIGHT,
      }),
    );
    console.log(`  built in ${(took.ms / 1000).toFixed(1)} s (kept for later runs)`);
  }
  // Yesterday's state: the daily job of the day before stored last year's final and this year's ratings.
  const stored = await time(() => refreshProvisionalRatings(db, new Date(MIDNIGHT.getTime() - DAY_MS + 60_000)));
  if (stored.result) console.log(`  stored yesterday's ratings in ${(stored.ms / 1000).toFixed(1)} s (the job's work, not measured)`);
}

async function main(): Promise<void> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = openDatabase(file);
  await migrateDatabase(db);
  await ensureReferenceData(db);
  const sqlite = openRaw(file);
  await prepare(db, sqlite);

  console.log(`\nFirst view of /ratings 30 s after midnight (${INSTITUTES} institutes), the page's data work:`);
  let failed = false;
  const before = writes(sqlite);
  const api = await time(() => ratingsForApi(db, office, { year: YEAR, limit: 100 }, VIEW_AT));
  console.log(`  GET /api/v1/ratings?year=${YEAR} (first page of ${api.result.data.length}), first call: ${api.ms.toFixed(0)} ms`);
  for (const [label, year, status] of [
    [`?year=${YEAR} (this year, provisional)`, YEAR, 'provisional'],
    [`default year ${YEAR - 1} (final)`, undefined, 'final'],
  ] as const) {
    const first = await time(() => pageData(db, year));
    const raw: number[] = [];
    const again: number[] = [];
    for (let i = 0; i < 5; i++) {
      raw.push((await time(() => rawPageData(sqlite, year ?? YEAR - 1, status))).ms);
      again.push((await time(() => pageData(db, year))).ms);
    }
    const ok = first.ms < TARGET_MS;
    failed ||= !ok;
    console.log(`  ${label}: ${first.result} rows`);
    console.log(`    product, first view: ${first.ms.toFixed(0)} ms  (${ok ? 'within' : 'OVER'} the ${TARGET_MS} ms target)`);
    console.log(`    product, next views: median ${median(again).toFixed(0)} ms`);
    console.log(`    raw SQLite, the same stored rows: median ${median(raw).toFixed(1)} ms`);
    if (status === 'final') {
      const flags = await time(() => pageDataStoredFlags(db, YEAR - 1));
      console.log(`    product with the stored "would differ" flags instead of a recheck per view: ${flags.ms.toFixed(0)} ms`);
    }
  }
  if (writes(sqlite) !== before) throw new Error('a read wrote: ratings, audit entries or settings changed');
  console.log('  none of these reads wrote (newest rating, newest audit entry and every setting unchanged)');

  // A write to one institute before the job: the event rates it inline, so the next read shows it.
  await appendAudit(
    db,
    [{ actorUserId: null, action: 'incidents.update', entityKind: 'incidents', entityId: null, unitId: 100, before: null, after: null }],
    VIEW_AT,
  );
  const follow = await time(() => ratingsFollowWrites(db, new Date(VIEW_AT.getTime() + 1000)));
  console.log(`
A write to one institute, re-rated by the "records changed" event (inline): ${follow.ms.toFixed(0)} ms`);
  const job = await time(() => refreshProvisionalRatings(db, new Date(MIDNIGHT.getTime() + 60_000)));
  console.log(`\nThe midnight job itself (every institute rated again, in the job thread; no view waits): ${(job.ms / 1000).toFixed(1)} s`);
  console.log(failed ? `A first view took longer than ${TARGET_MS} ms.` : `Every first view within ${TARGET_MS} ms.`);
  sqlite.close();
  db.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
