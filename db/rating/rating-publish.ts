import { and, eq, sql } from 'drizzle-orm';
import { first, rawRun } from '@/db/engine';
import type { Db, Queryable, Tx } from '@/db/tx';
import { ratings, warningListEntries } from '@/db/schema';
import { proposedReason } from '@/domain/rating/proposed-reason';
import { lockKey } from '@/db/sql/locks';
import { moveDataVersion } from '@/db/changes/data-version';

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
export async function publishRatings(
  db: Db,
  year: number,
  userId: number,
  now: Date,
  afterPublish?: (tx: Tx, result: PublishResult) => Promise<void> | void,
): Promise<PublishResult> {
  return db.transaction(async (tx) => {
    // The same lock as storing the year's ratings (rating-store.ts): the final rows copied are not being replaced meanwhile.
    await lockKey(tx, 'ratings', year);
    const already = first(
      await tx
        .select({ id: ratings.id })
        .from(ratings)
        .where(and(eq(ratings.year, year), eq(ratings.status, 'published')))
        .limit(1),
    );
    if (already) return { published: 0, proposed: 0 };
    const finals = await tx
      .select()
      .from(ratings)
      .where(and(eq(ratings.year, year), eq(ratings.status, 'final')));
    let proposed = 0;
    for (const f of finals) {
      const { id: finalId, ...rest } = f;
      const copy = first(
        await tx
          .insert(ratings)
          .values({ ...rest, status: 'published', publishedAt: now, publishedBy: userId })
          .returning({ id: ratings.id }),
      )!;
      // Copied inside SQLite, in their order: a rating may have hundreds of thousands of lines.
      await rawRun(
        tx,
        sql`INSERT INTO rating_contributions (rating_id, rule, record_kind, record_id, record_external_id, floor, points)
            SELECT ${copy.id}, rule, record_kind, record_id, record_external_id, floor, points
            FROM rating_contributions WHERE rating_id = ${finalId} ORDER BY id`,
      );
      if (f.level === 'red') {
        await tx
          .insert(warningListEntries)
          .values({ unitId: f.instituteId, reason: proposedReason(year), ratingId: copy.id, status: 'proposed' });
        proposed++;
      }
    }
    const result = { published: finals.length, proposed };
    if (finals.length > 0) await afterPublish?.(tx, result);
    if (finals.length > 0) await moveDataVersion(tx);
    return result;
  });
}

/** Ids of the warning-list entries proposed by the published ratings of a year (for their audit entries). */
export function proposalsOfYear(q: Queryable, year: number): Promise<{ id: number; unitId: number }[]> {
  return q
    .select({ id: warningListEntries.id, unitId: warningListEntries.unitId })
    .from(warningListEntries)
    .innerJoin(ratings, eq(ratings.id, warningListEntries.ratingId))
    .where(and(eq(ratings.year, year), eq(ratings.status, 'published')));
}
