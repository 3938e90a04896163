import type { Db } from '@/db/client';
import { appendAudit } from '@/db/audit/audit-log';
import { ratingTableRows, ratingYearSummary, type StoredStatus } from '@/db/rating/ratings';
import { proposalsOfYear, publishRatings, type PublishResult } from '@/db/rating/rating-publish';
import { activeRatingRuleSet } from '@/db/rule-sets/rating-rule-sets';
import { proposalAudits } from '@/features/rating/warning-list';
import { ALL_UNITS, type Actor } from '@/domain/auth/actor';
import { FieldProblem } from '@/domain/errors';
import { levels, type Level } from '@/domain/reference/level-codes';
import { shanghaiYear } from '@/domain/time/shanghai';
import { canManageRatings } from '@/domain/auth/rating-permissions';
import { institutesHoldMoreThan } from '@/db/rating/rating-inputs';
import { provisionalComputedAt } from '@/db/rating/ratings';
import { env } from '@/server/env';
import { applyProvisionalRefresh, computeAndStoreRatings, planProvisionalRefresh, type PlannedRefresh } from '@/features/rating/refresh';
import { provisionalRefresher } from '@/features/rating/refresh-delegate';

// Which stored ratings stand for a year (RATING.md §6): this year's provisional ones, kept current; for a
// past year the published ones once published, else the final ones, computed on first view if the annual
// job has not stored them yet (a year before the product was installed, or before 10 January).

/**
 * Makes sure year Y's ratings are stored and says which status stands for it: 'provisional' this year
 * (recomputed if records changed), 'published' or 'final' for a past year, null for a future year.
 */
export function ensureYearRatings(db: Db, year: number, now: Date): StoredStatus | null {
  const current = shanghaiYear(now);
  if (year > current) return null;
  if (year === current) {
    refreshOrDelegate(db, now);
    return 'provisional';
  }
  const summary = ratingYearSummary(db, year);
  if (summary.published > 0) return 'published';
  if (summary.final === 0) computeAndStoreRatings(db, year, now);
  return 'final';
}

/**
 * Institutes' records beyond which rating them again is not done inside a request when the server has a job
 * thread: a normal institute (hundreds of records) rates in milliseconds, so a write shows on the very next
 * read; 150,000 hazards took seconds of CPU (decision 031).
 */
export const INLINE_REFRESH_RECORDS = 5_000;

/** Whether the planned refresh goes to the job thread: everything when whole, else only a large institute. */
function tooLargeForRequest(db: Db, planned: PlannedRefresh): boolean {
  if (planned.plan.kind === 'none' || !provisionalRefresher()) return false;
  return planned.plan.kind === 'all' || institutesHoldMoreThan(db, planned.plan.ids, INLINE_REFRESH_RECORDS);
}

/** This year's provisional ratings brought up to date: inline when small, else handed to the job thread. */
function refreshOrDelegate(db: Db, now: Date): void {
  const planned = planProvisionalRefresh(db, now);
  if (tooLargeForRequest(db, planned)) void provisionalRefresher()!(now);
  else applyProvisionalRefresh(db, now, planned);
}

export interface RatingsFreshness {
  /** A re-rating is still running in the job thread: what is stored is shown meanwhile. */
  recomputing: boolean;
  /** When the oldest stored provisional rating of the year was computed (null: none stored yet). */
  computedAt: Date | null;
}

/**
 * For reads of this year's ratings (the ratings pages, the points heatmap, the API): a re-rating too large
 * for the request runs in the job thread, and the read waits for it at most FENGHUO_RATING_WAIT_MS, never
 * holding the event loop; past that it answers from what is stored and says so. Small refreshes are left
 * to ensureYearRatings, inline, so a write shows on the very next read.
 */
export async function awaitProvisionalRatings(
  db: Db,
  year: number,
  now: Date,
  waitMs = env().FENGHUO_RATING_WAIT_MS,
): Promise<RatingsFreshness> {
  if (year !== shanghaiYear(now)) return { recomputing: false, computedAt: null };
  const planned = planProvisionalRefresh(db, now);
  let recomputing = false;
  if (tooLargeForRequest(db, planned)) {
    let timer: NodeJS.Timeout | undefined;
    const done = provisionalRefresher()!(now).then(() => true);
    const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), waitMs)));
    recomputing = !(await Promise.race([done, late]));
    clearTimeout(timer);
  }
  return { recomputing, computedAt: provisionalComputedAt(db, year) };
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
export function publishYear(
  db: Db,
  actor: Actor,
  year: number,
  expected: string,
  now: Date,
): PublishResult & { counts: Record<Level, number> } {
  if (!canManageRatings(actor.role)) throw new FieldProblem('(form)', 'validation.officeOnly');
  if (year >= shanghaiYear(now)) throw new FieldProblem('year', 'validation.notPastYear');
  if (ratingYearSummary(db, year).published > 0) throw new FieldProblem('year', 'validation.alreadyPublished', { year });
  let counts = levelCounts(ratingTableRows(db, ALL_UNITS, year, 'final'));
  if (countsFingerprint(counts) !== expected) throw new FieldProblem('year', 'validation.ratingsChanged');
  const result = publishRatings(db, year, actor.userId, now, (tx, r) => {
    // Checked again inside the publishing transaction: a recomputation in between must not publish ratings
    // nobody confirmed (throwing rolls the copies back).
    counts = levelCounts(ratingTableRows(tx as unknown as Db, ALL_UNITS, year, 'final'));
    if (countsFingerprint(counts) !== expected) throw new FieldProblem('year', 'validation.ratingsChanged');
    appendAudit(
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
        ...proposalAudits(actor, proposalsOfYear(tx, year)),
      ],
      now,
    );
  });
  if (result.published === 0) throw new FieldProblem('year', 'validation.nothingToPublish', { year });
  return { ...result, counts };
}

/**
 * Recomputes a past, unpublished year's final ratings with the active rule set (after the office activated
 * a new version, or when records behind them changed). Published years stay frozen.
 */
export function recomputeYear(db: Db, actor: Actor, year: number, now: Date): { rated: number; version: string } {
  if (!canManageRatings(actor.role)) throw new FieldProblem('(form)', 'validation.officeOnly');
  if (year >= shanghaiYear(now)) throw new FieldProblem('year', 'validation.notPastYear');
  const summary = ratingYearSummary(db, year);
  if (summary.published > 0) throw new FieldProblem('year', 'validation.alreadyPublished', { year });
  const version = activeRatingRuleSet(db).version;
  let rated = 0;
  // The new ratings and their audit entry are stored together, and only if the year is still unpublished.
  computeAndStoreRatings(db, year, now, undefined, (tx) => {
    if (ratingYearSummary(tx as unknown as Db, year).published > 0) throw new FieldProblem('year', 'validation.alreadyPublished', { year });
    appendAudit(
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
  rated = ratingYearSummary(db, year).final;
  return { rated, version };
}
