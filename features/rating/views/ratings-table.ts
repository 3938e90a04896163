import { z } from 'zod';
import type { Db } from '@/db/tx';
import { ratingTableRows, settledLevels, type RatingTableRow, type StoredStatus } from '@/db/rating/ratings';
import type { Actor } from '@/domain/auth/actor';
import { levels, type Level } from '@/domain/reference/level-codes';
import { shanghaiYear } from '@/domain/time/shanghai';
import { publishedDrift } from '@/features/rating/published-drift';
import { ensureYearRatings } from '@/features/rating/year-ratings';
import { ratedYears } from '@/domain/records/date-range';
import { yearsWithRecords } from '@/db/rating/record-years';

// The ratings table (/ratings) as one view, so the page and its XLSX export hold the same rows: same year
// choice, scope, branch and level filters and order. A second copy of this logic would drift from the page.

export const ratingsQuerySchema = z.object({
  year: z.coerce.number().int().optional().catch(undefined),
  branch: z.string().max(64).optional().catch(undefined),
  level: z.enum(levels).optional().catch(undefined),
  sort: z.enum(['points', 'code']).catch('points'),
});
export type RatingsQuery = z.infer<typeof ratingsQuerySchema>;

export interface RatingsTable {
  year: number;
  years: number[];
  /** null: a past year with nothing stored, not rated yet (decision 045); its table is empty. */
  status: StoredStatus | null;
  /** Not rated yet but holding records: the office may rate it (recompute) from the page. */
  rateable: boolean;
  /** Every rating of the year in scope, before the branch and level filters. */
  all: RatingTableRow[];
  /** Within the branch filter: what the level summary counts. */
  inBranch: RatingTableRow[];
  /** The rows shown, in order. */
  rows: RatingTableRow[];
  /** Last year's settled level per institute id. */
  previous: Map<number, Level>;
  /** Institutes whose stored (final or published) rating would differ if recomputed now. */
  differ: Set<number>;
}

/** The year the ratings table shows: the one asked for if offered, by default the latest that has ended. */
export function ratingsTableYear(years: readonly number[], q: RatingsQuery, now: Date): number {
  const current = shanghaiYear(now);
  // By default the latest year that has ended: the annual rating is about a whole year.
  return q.year !== undefined && years.includes(q.year) ? q.year : years.includes(current - 1) ? current - 1 : current;
}

export async function loadRatingsTable(db: Db, actor: Actor, q: RatingsQuery, now: Date): Promise<RatingsTable> {
  const years = ratedYears(now);
  const year = ratingsTableYear(years, q, now);
  const status = await ensureYearRatings(db, year, now);
  const lastYear = years.includes(year - 1) && (await ensureYearRatings(db, year - 1, now));
  // The stored ratings from one view: a recomputation committed between two reads must not mix them.
  const { all, previous } = await db.snapshot(async (tx) => ({
    all: status ? await ratingTableRows(tx, actor.scope, year, status) : [],
    previous: lastYear ? await settledLevels(tx, actor.scope, year - 1) : new Map<number, Level>(),
  }));
  // RATING.md §6 flags a published rating whose recomputation would now differ: kept per year by the write
  // event (decision 045), not rechecked per view. Final and provisional ratings follow writes themselves.
  const differ = status === 'published' ? await publishedDrift(db, year) : new Set<number>();
  // A year without any record stays unrated (no data is not "safe": no blue institutes).
  const rateable = status === null && (await yearsWithRecords(db, [year])).has(year);
  const inBranch = q.branch ? all.filter((r) => r.branchCode === q.branch) : all;
  const rows = (q.level ? inBranch.filter((r) => r.level === q.level) : inBranch).sort((a, b) =>
    q.sort === 'code' ? a.unitCode.localeCompare(b.unitCode) : b.points - a.points || a.unitCode.localeCompare(b.unitCode),
  );
  return { year, years, status, rateable, all, inBranch, rows, previous, differ };
}

export type LevelChange = 'none' | 'worse' | 'better' | 'same';

/** How this year's level compares with last year's settled one. */
export function levelChange(now: Level, before: Level | undefined): LevelChange {
  if (!before) return 'none';
  const diff = levels.indexOf(now) - levels.indexOf(before);
  return diff > 0 ? 'worse' : diff < 0 ? 'better' : 'same';
}

/** The distinct floors of a rating (a floor reached by several records of one rule is one floor). */
export function distinctFloors(r: RatingTableRow): RatingTableRow['floors'] {
  return [...new Map(r.floors.map((f) => [`${f.floor}|${f.rule}`, f])).values()];
}
