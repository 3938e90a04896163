import type { Db, Queryable, Tx } from '@/db/tx';
import { appendAudit } from '@/db/audit/audit-log';
import { provisionalComputedAt, ratingTableRows, ratingYearSummary, type StoredStatus } from '@/db/rating/ratings';
import { proposalsOfYear, publishRatings, type PublishResult } from '@/db/rating/rating-publish';
import { activeRatingRuleSet } from '@/db/rule-sets/rating-rule-sets';
import { yearsWithRecords } from '@/db/rating/record-years';
import { proposalAudits } from '@/features/rating/warning-list';
import { ALL_UNITS, type Actor } from '@/domain/auth/actor';
import { FieldProblem } from '@/domain/errors';
import { levels, type Level } from '@/domain/reference/level-codes';
import { shanghaiYear } from '@/domain/time/shanghai';
import { canManageRatings } from '@/domain/auth/rating-permissions';
import { env } from '@/server/env';
import { computeAndStoreRatings } from '@/features/rating/refresh';
import { handedOver } from '@/features/rating/refresh-delegate';
import { publishedWithoutDrift } from '@/features/rating/published-drift';

import { ratingsFollowWrites } from '@/features/rating/follow-writes';

export { INLINE_REFRESH_RECORDS } from '@/features/rating/follow-writes';

// Which stored ratings stand for a year (RATING.md §6, decision 045). Reads never rate or store: they answer
// from what is stored, which the "records changed" event, the daily job and the annual job keep current.

/**
 * Which status stands for year Y, read from what is stored (it rates and stores nothing; the name is kept
 * from when it did): 'provisional' this year; for a past year 'published' once published, else 'final'
 * once its final ratings are stored, else 'provisional' when only those are (from the year's end until
 * the daily job stores the final ones); null for a future year and for a past year with nothing stored:
 * not rated yet, never zeros (a year without records; one with records until the write event or the daily
 * catch-up rates it, or the office recomputes it, decision 045).
 */
export async function ensureYearRatings(q: Queryable, year: number, now: Date): Promise<StoredStatus | null> {
  const current = shanghaiYear(now);
  if (year > current) return null;
  if (year === current) return 'provisional';
  const summary = await ratingYearSummary(q, year);
  if (summary.published > 0) return 'published';
  if (summary.final > 0) return 'final';
  return summary.provisional > 0 ? 'provisional' : null;
}

export interface RatingsFreshness {
  /** A re-rating is still running in the job thread: what is stored is shown meanwhile. */
  recomputing: boolean;
  /** When the oldest stored provisional rating of the year was computed (null: none stored yet, or a past year). */
  computedAt: Date | null;
}

/**
 * For reads of the ratings (the ratings pages, the points heatmap, the API): when a write handed a large
 * re-rating to the job thread (features/rating/follow-writes.ts), the read waits for it at most
 * FENGHUO_RATING_WAIT_MS, never holding the event loop; past that it answers from what is stored and says
 * so. It starts nothing: with nothing handed over it answers at once.
 */
export async function awaitProvisionalRatings(
  q: Queryable,
  year: number,
  now: Date,
  waitMs = env().FENGHUO_RATING_WAIT_MS,
): Promise<RatingsFreshness> {
  const pending = handedOver();
  let recomputing = false;
  if (pending) {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), waitMs)));
    recomputing = !(await Promise.race([pending.then(() => true), late]));
    clearTimeout(timer);
  }
  if (year !== shanghaiYear(now)) return { recomputing, computedAt: null };
  return { recomputing, computedAt: await provisionalComputedAt(q, year) };
}

/** Count of ratings per level, every level present. */
export function levelCounts(rows: readonly { level: Level }[]): Record<Level, number> {
  const counts = Object.fromEntries(levels.map((l) => [l, 0])) as Record<Level, number>;
  for (const r of rows) counts[r.level]++;
  return counts;
}

/** "blue:15,yellow:46,…": what the office saw when it confirmed, compared again when it publishes. */
export function countsFingerprint(counts: Record<Level, number>): string {
  return levels.map((l) => `${l}:${counts[l]}`).join(',');
}

/**
 * The office publishes a past year's final ratings (RATING.md §6): refused for another role, for this or a
 * future year, for a year already published, and when the final ratings changed since the office saw the
 * counts it confirmed (`expected`). Audited in the same transaction, with each warning-list proposal.
 */
export async function publishYear(
  db: Db,
  actor: Actor,
  year: number,
  expected: string,
  now: Date,
): Promise<PublishResult & { counts: Record<Level, number> }> {
  if (!canManageRatings(actor.role)) throw new FieldProblem('(form)', 'validation.officeOnly');
  if (year >= shanghaiYear(now)) throw new FieldProblem('year', 'validation.notPastYear');
  if ((await ratingYearSummary(db, year)).published > 0) throw new FieldProblem('year', 'validation.alreadyPublished', { year });
  let counts = levelCounts(await ratingTableRows(db, ALL_UNITS, year, 'final'));
  if (countsFingerprint(counts) !== expected) throw new FieldProblem('year', 'validation.ratingsChanged');
  const result = await publishRatings(db, year, actor.userId, now, async (tx: Tx, r: PublishResult) => {
    // Checked again inside the publishing transaction: a recomputation in between must not publish ratings
    // nobody confirmed (throwing rolls the copies back).
    counts = levelCounts(await ratingTableRows(tx, ALL_UNITS, year, 'final'));
    if (countsFingerprint(counts) !== expected) throw new FieldProblem('year', 'validation.ratingsChanged');
    await appendAudit(
      tx,
      [
        {
          actorUserId: actor.userId,
          action: 'ratings.publish',
          entityKind: 'rating_year',
          entityId: year,
          unitId: null,
          before: null,
          after: { year, published: r.published, proposed: r.proposed, levels: counts },
        },
        ...proposalAudits(actor, await proposalsOfYear(tx, year)),
      ],
      now,
    );
    // Just published, each copy equals its recomputation: nothing to flag (decision 045).
    await publishedWithoutDrift(tx, year);
  });
  if (result.published === 0) throw new FieldProblem('year', 'validation.nothingToPublish', { year });
  return { ...result, counts };
}

/**
 * Recomputes a past, unpublished year's final ratings with the active rule set, whole. Writes, a new
 * rule-set version and unit moves already re-rate the years they affect (decision 045); this is how the
 * office rates a year nothing rated yet (before the product was installed) or redoes one. Published years
 * stay frozen.
 */
export async function recomputeYear(db: Db, actor: Actor, year: number, now: Date): Promise<{ rated: number; version: string }> {
  if (!canManageRatings(actor.role)) throw new FieldProblem('(form)', 'validation.officeOnly');
  if (year >= shanghaiYear(now)) throw new FieldProblem('year', 'validation.notPastYear');
  const summary = await ratingYearSummary(db, year);
  if (summary.published > 0) throw new FieldProblem('year', 'validation.alreadyPublished', { year });
  // A year without any record is not rated at all: blue institutes would say "safe" where nothing is known.
  const stored = summary.final + summary.provisional > 0;
  if (!stored && !(await yearsWithRecords(db, [year])).has(year)) throw new FieldProblem('year', 'validation.noRecordsInYear', { year });
  const version = (await activeRatingRuleSet(db)).version;
  // The new ratings and their audit entry are stored together, and only if the year is still unpublished.
  await computeAndStoreRatings(db, year, now, undefined, async (tx) => {
    if ((await ratingYearSummary(tx, year)).published > 0) throw new FieldProblem('year', 'validation.alreadyPublished', { year });
    await appendAudit(
      tx,
      [
        {
          actorUserId: actor.userId,
          action: 'ratings.recompute',
          entityKind: 'rating_year',
          entityId: year,
          unitId: null,
          before: { final: summary.final },
          after: { ruleSetVersion: version },
        },
      ],
      now,
    );
  });
  // A write committed while the year was being rated is after the mark the recomputation stored (it reads
  // the newest audit entry before rating): the event rates it now, not at the next write or midnight.
  await ratingsFollowWrites(db, now);
  const rated = (await ratingYearSummary(db, year)).final;
  return { rated, version };
}
