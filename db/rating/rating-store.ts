import { and, eq, inArray, sql } from 'drizzle-orm';
import { rawRun } from '@/db/engine';
import { ratings } from '@/db/schema';
import type { Db, Queryable, Tx } from '@/db/tx';
import type { Rating } from '@/domain/rating/types';
import { selectJsonRows } from '@/db/sql/dialect';
import { insertRows } from '@/db/sql/insert-rows';
import { lockKey } from '@/db/sql/locks';
import { moveDataVersion } from '@/db/changes/data-version';

// Storing a year's computed ratings and their lines (moved from ratings.ts, which keeps the reads).

/** An institute's computed rating, as features/rating/rate-institutes.ts gives it (only what is stored). */
export interface RatingToStore {
  institute: { id: number };
  rating: Rating;
}

/**
 * Replaces the stored provisional or final ratings of year Y with freshly computed ones, in one
 * transaction. Published ratings are separate rows and are never touched here: publishing freezes them.
 */
export async function storeRatings(
  db: Db,
  year: number,
  status: 'provisional' | 'final',
  results: RatingToStore[],
  computedAt: Date,
  /** Runs in the same transaction first (checks that may refuse) and can append the audit entry. */
  within?: (tx: Tx) => Promise<void> | void,
): Promise<void> {
  await db.transaction(async (tx) => {
    // The year's ratings and their mark are read, compared and replaced as one step (decisions 022, 045): on
    // PostgreSQL two servers storing the same year take turns (decision 047 row 5); SQLite's writer already does.
    await lockKey(tx, 'ratings', year);
    await within?.(tx);
    const ids = results.map((r) => r.institute.id);
    for (let i = 0; i < ids.length; i += 500) {
      await tx
        .delete(ratings)
        .where(and(eq(ratings.year, year), eq(ratings.status, status), inArray(ratings.instituteId, ids.slice(i, i + 500))));
    }
    // Every rating row first, in few statements, then the lines of many ratings a statement. Besides the
    // round trips (two a rating before), the order matters on pg: each line's foreign-key check looks its
    // rating up with a plan the connection makes at the first check and keeps until `ratings` is analysed
    // again. Made while `ratings` held only the first of a year's rows and its statistics said it was empty
    // (analysed so: the bench's fresh database, a vacuumdb), that plan was a sequential scan, run once per
    // line over a table growing with the transaction: the bench's first daily refresh (ten years of 2,000
    // institutes, 921,000 lines) took 58 s, now 17 s (issue 16). Made with the year's rows in place, it is
    // the primary key's index. (A connection that made it storing a few ratings into such a table keeps
    // the scan, over a table that no longer grows, until the pool closes it after 10 s idle.)
    const stored = await insertRows(
      tx,
      ratings,
      results.map(({ institute, rating }) => ratingRow(institute.id, year, status, rating, computedAt)),
      { id: ratings.id, instituteId: ratings.instituteId },
    );
    // RETURNING gives no order: each institute has one row of the year and status (a unique index).
    const idOf = new Map(stored.map((r) => [r.instituteId as number, r.id as number]));
    await insertContributions(
      tx,
      results.map(({ institute, rating }) => ({ ratingId: idOf.get(institute.id)!, lines: rating.contributions })),
    );
    await moveDataVersion(tx);
  });
}

/** The row of one institute's rating. */
function ratingRow(instituteId: number, year: number, status: 'provisional' | 'final', rating: Rating, computedAt: Date) {
  return {
    instituteId,
    year,
    asOf: rating.asOf,
    ruleSetVersion: rating.ruleSetVersion,
    status,
    points: rating.points,
    levelByPoints: rating.levelByPoints,
    level: rating.level,
    floors: rating.floors.map((f) => ({
      floor: f.floor,
      rule: f.rule,
      recordKind: f.kind,
      recordId: f.recordId,
      recordExternalId: f.externalId,
    })),
    computedAt,
  };
}

/** Contribution rows per INSERT statement: one JSON parameter of a few hundred kilobytes. */
const LINES_PER_INSERT = 5_000;

/** The SQL types of a line's cells, in the order insertContributions writes them. */
const LINE_CELLS = ['integer', 'text', 'text', 'integer', 'text', 'text', 'integer'] as const;

/** The lines of the ratings, in order, each as the array of its cells, at most `size` a chunk. */
function* lineChunks(of: readonly { ratingId: number; lines: Rating['contributions'] }[], size: number): Generator<unknown[][]> {
  let chunk: unknown[][] = [];
  for (const { ratingId, lines } of of) {
    for (const c of lines) {
      chunk.push([ratingId, c.rule, c.kind, c.recordId, c.externalId, c.floor, c.points]);
      if (chunk.length === size) {
        yield chunk;
        chunk = [];
      }
    }
  }
  if (chunk.length) yield chunk;
}

/**
 * Stores the ratings' contributions, each rating's in their order, as JSON arrays unpacked by the database
 * (selectJsonRows), the lines of many ratings in one statement. One institute may have hundreds of
 * thousands of lines (issue 13: 307,508 for 150,000 overdue hazards), which the query builder took 4.7 s of
 * CPU to build and insert (decision 031); seven bound parameters a line through drizzle's `sql` cost about
 * 5 µs a line to build, one parameter a statement costs nothing (about 1.7 µs a line in all, measured at
 * 300,000 lines, against 0.9 µs for a bare prepared statement).
 */
async function insertContributions(q: Queryable, of: readonly { ratingId: number; lines: Rating['contributions'] }[]): Promise<void> {
  for (const chunk of lineChunks(of, LINES_PER_INSERT)) {
    await rawRun(
      q,
      sql`INSERT INTO rating_contributions (rating_id, rule, record_kind, record_id, record_external_id, floor, points)
          ${selectJsonRows(q, null, JSON.stringify(chunk), LINE_CELLS)}`,
    );
  }
}
