import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import type { SyncTx as Tx } from '@/db/tx';
import { ratingContributions, ratings, warningListEntries } from '@/db/schema';
import { proposedReason } from '@/domain/rating/proposed-reason';

// Publishing a past year's final ratings as frozen copies (moved from ratings.ts, which keeps the reads).

export interface PublishResult {
  published: number;
  proposed: number;
}

/**
 * Publishes the final ratings of year Y: each becomes a frozen `published` row (a copy, so a later
 * recomputation of `final` can be compared with it), and every red one proposes its unit for the warning
 * list. Returns how many were published; a year already published is left as it is. `afterPublish` runs in
 * the same transaction (the audit entries of the office's action), so both are stored or neither.
 */
export function publishRatings(
  db: Db,
  year: number,
  userId: number,
  now: Date,
  afterPublish?: (tx: Tx, result: PublishResult) => void,
): PublishResult {
  return db.transaction(
    (tx) => {
      const already = tx
        .select({ id: ratings.id })
        .from(ratings)
        .where(and(eq(ratings.year, year), eq(ratings.status, 'published')))
        .limit(1)
        .get();
      if (already) return { published: 0, proposed: 0 };
      const finals = tx
        .select()
        .from(ratings)
        .where(and(eq(ratings.year, year), eq(ratings.status, 'final')))
        .all();
      let proposed = 0;
      for (const f of finals) {
        const { id: finalId, ...rest } = f;
        const copy = tx
          .insert(ratings)
          .values({ ...rest, status: 'published', publishedAt: now, publishedBy: userId })
          .returning({ id: ratings.id })
          .get();
        const contributions = tx.select().from(ratingContributions).where(eq(ratingContributions.ratingId, finalId)).all();
        for (let i = 0; i < contributions.length; i += 200) {
          tx.insert(ratingContributions)
            .values(contributions.slice(i, i + 200).map(({ id: _id, ...c }) => ({ ...c, ratingId: copy.id })))
            .run();
        }
        if (f.level === 'red') {
          tx.insert(warningListEntries)
            .values({ unitId: f.instituteId, reason: proposedReason(year), ratingId: copy.id, status: 'proposed' })
            .run();
          proposed++;
        }
      }
      const result = { published: finals.length, proposed };
      if (finals.length > 0) afterPublish?.(tx, result);
      return result;
    },
    { behavior: 'immediate' },
  );
}

/** Ids of the warning-list entries proposed by the published ratings of a year (for their audit entries). */
export function proposalsOfYear(tx: Tx | Db, year: number): { id: number; unitId: number }[] {
  return tx
    .select({ id: warningListEntries.id, unitId: warningListEntries.unitId })
    .from(warningListEntries)
    .innerJoin(ratings, eq(ratings.id, warningListEntries.ratingId))
    .where(and(eq(ratings.year, year), eq(ratings.status, 'published')))
    .all();
}
