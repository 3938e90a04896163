import { and, eq, inArray, sql } from 'drizzle-orm';
import { first, rawRun } from '@/db/engine';
import { ratings } from '@/db/schema';
import type { Db, Queryable, Tx } from '@/db/tx';
import type { Rating } from '@/domain/rating/types';
import { selectJsonRows } from '@/db/sql/dialect';
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
    // PostgreSQL two servers storing the same year take turns (plan 016 §3 row 5); SQLite's writer already does.
    await lockKey(tx, 'ratings', year);
    await within?.(tx);
    const ids = results.map((r) => r.institute.id);
    for (let i = 0; i < ids.length; i += 500) {
      await tx
        .delete(ratings)
        .where(and(eq(ratings.year, year), eq(ratings.status, status), inArray(ratings.instituteId, ids.slice(i, i + 500))));
    }
    for (const { institute, rating } of results) {
      const row = first(
        await tx
          .insert(ratings)
          .values({
            instituteId: institute.id,
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
          })
          .returning({ id: ratings.id }),
      )!;
      await insertContributions(tx, row.id, rating.contributions);
    }
    await moveDataVersion(tx);
  });
}

/** Contribution rows per INSERT statement: one JSON parameter of a few hundred kilobytes. */
const LINES_PER_INSERT = 5_000;

/** The SQL types of a line's cells, in the order insertContributions writes them. */
const LINE_CELLS = ['text', 'text', 'integer', 'text', 'text', 'integer'] as const;

/**
 * Stores a rating's contributions as JSON arrays unpacked by the database (selectJsonRows), in their order. One
 * institute may have hundreds of thousands of lines (issue 13: 307,508 for 150,000 overdue hazards), which
 * the query builder took 4.7 s of CPU to build and insert (decision 031); seven bound parameters a line
 * through drizzle's `sql` cost about 5 µs a line to build, two parameters a statement cost nothing (about
 * 1.7 µs a line in all, measured at 300,000 lines, against 0.9 µs for a bare prepared statement).
 */
async function insertContributions(q: Queryable, ratingId: number, lines: Rating['contributions']): Promise<void> {
  for (let i = 0; i < lines.length; i += LINES_PER_INSERT) {
    const chunk = lines.slice(i, i + LINES_PER_INSERT).map((c) => [c.rule, c.kind, c.recordId, c.externalId, c.floor, c.points]);
    await rawRun(
      q,
      sql`INSERT INTO rating_contributions (rating_id, rule, record_kind, record_id, record_external_id, floor, points)
          ${selectJsonRows(q, sql`${ratingId}`, JSON.stringify(chunk), LINE_CELLS)}`,
    );
  }
}
