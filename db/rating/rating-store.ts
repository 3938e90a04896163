import { and, eq, inArray } from 'drizzle-orm';
import type { Statement } from 'better-sqlite3';
import type { Db } from '@/db/client';
import { ratings } from '@/db/schema';
import type { Rating } from '@/domain/rating/types';

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
export function storeRatings(
  db: Db,
  year: number,
  status: 'provisional' | 'final',
  results: RatingToStore[],
  computedAt: Date,
  /** Runs in the same transaction first (checks that may refuse) and can append the audit entry. */
  within?: (tx: Parameters<Parameters<Db['transaction']>[0]>[0]) => void,
): void {
  db.transaction(
    (tx) => {
      within?.(tx);
      const ids = results.map((r) => r.institute.id);
      for (let i = 0; i < ids.length; i += 500) {
        tx.delete(ratings)
          .where(and(eq(ratings.year, year), eq(ratings.status, status), inArray(ratings.instituteId, ids.slice(i, i + 500))))
          .run();
      }
      for (const { institute, rating } of results) {
        const row = tx
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
          .returning({ id: ratings.id })
          .get();
        insertContributions(db, row.id, rating.contributions);
      }
    },
    { behavior: 'immediate' },
  );
}

/** Contribution rows per INSERT statement: 7 parameters each, well under SQLite's 32,766. */
const LINES_PER_INSERT = 100;
const insertLines = new WeakMap<Db['$client'], Map<number, Statement<unknown[]>>>();

/**
 * Stores a rating's contributions through statements prepared once per connection. One institute may have
 * hundreds of thousands of lines (issue 13: 307,508 for 150,000 overdue hazards), which the query builder
 * took 4.7 s of CPU to build and insert; bare statements take a fraction of it (decision 031).
 */
function insertContributions(db: Db, ratingId: number, lines: Rating['contributions']): void {
  let byCount = insertLines.get(db.$client);
  if (!byCount) insertLines.set(db.$client, (byCount = new Map()));
  const statement = (n: number) => {
    let s = byCount.get(n);
    if (!s) {
      const values = Array.from({ length: n }, () => '(?, ?, ?, ?, ?, ?, ?)').join(', ');
      s = db.$client.prepare<unknown[]>(
        `INSERT INTO rating_contributions (rating_id, rule, record_kind, record_id, record_external_id, floor, points) VALUES ${values}`,
      );
      byCount.set(n, s);
    }
    return s;
  };
  const params: unknown[] = [];
  for (let i = 0; i < lines.length; i += LINES_PER_INSERT) {
    const chunk = lines.slice(i, i + LINES_PER_INSERT);
    params.length = 0;
    for (const c of chunk) params.push(ratingId, c.rule, c.kind, c.recordId, c.externalId, c.floor, c.points);
    statement(chunk.length).run(...params);
  }
}
