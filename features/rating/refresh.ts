import type { Db } from '@/db/client';
import { getSetting, putSetting } from '@/db/settings';
import { provisionalComputedAt } from '@/db/rating/ratings';
import { storeRatings } from '@/db/rating/rating-store';
import { latestChanges } from '@/db/changes/latest-changes';
import { auditedSince } from '@/db/rating/rating-changes';
import { activeRatingRuleSet } from '@/db/rule-sets/rating-rule-sets';
import { shanghaiDayNumber, shanghaiYear } from '@/domain/time/shanghai';
import { evaluationInstant } from '@/domain/rating/evaluate';
import { rateInstitutes, yearHasEnded, type InstituteRating } from '@/features/rating/rate-institutes';
import { refreshPlan, type RefreshPlan } from '@/features/rating/refresh-plan';

/**
 * Computes year Y's ratings with the active rule set and stores them: final once the year has ended (the
 * annual job, `cli rate`), provisional (year to date) before. Returns what was stored.
 */
export function computeAndStoreRatings(
  db: Db,
  year: number,
  now: Date,
  asOf?: Date,
  within?: Parameters<typeof storeRatings>[5],
): { status: 'final' | 'provisional'; results: InstituteRating[] } {
  const T = evaluationInstant(year, asOf ?? now);
  const results = rateInstitutes(db, activeRatingRuleSet(db), year, { asOf: T });
  const status = yearHasEnded(year, T) ? 'final' : 'provisional';
  storeRatings(db, year, status, results, now, within);
  return { status, results };
}

/** Where this year's provisional ratings stand: the audit entry they include, when they were all computed, with which rules. */
interface ProvisionalMark {
  auditId: number;
  fullAt: number;
  ruleSet: string;
}

const markKey = (year: number) => `provisional_ratings_mark:${year}`;

/** The stored mark, and its text as read (to tell whether another refresh stored one since). */
function readMark(db: Pick<Db, 'select'>, year: number): { raw: string | undefined; mark: ProvisionalMark | null } {
  const raw = getSetting(db as Db, markKey(year));
  try {
    const m = JSON.parse(raw ?? 'null') as ProvisionalMark | null;
    const ok = m && Number.isSafeInteger(m.auditId) && Number.isFinite(m.fullAt) && typeof m.ruleSet === 'string';
    return { raw, mark: ok ? m : null };
  } catch {
    return { raw, mark: null };
  }
}

/** What a refresh of this year's provisional ratings would do at `now`, read before rating (decision 022). */
export interface PlannedRefresh {
  year: number;
  /** The newest audit entry when planned: an entry written meanwhile is after the mark and is seen next time. */
  auditId: number;
  rules: ReturnType<typeof activeRatingRuleSet>;
  raw: string | undefined;
  mark: ProvisionalMark | null;
  plan: RefreshPlan;
}

/**
 * Reads the mark and the audit entries after it and says what must be rated again: every institute on the
 * first refresh of each Beijing day (rules that move with the clock: overdue, deadlines), when the active
 * rule set changed, or after a change that may touch every institute (a unit moved, a setting); after
 * writes to records, only the institutes whose records were written. Cheap: it rates nothing.
 */
export function planProvisionalRefresh(db: Db, now: Date): PlannedRefresh {
  const year = shanghaiYear(now);
  const auditId = latestChanges(db).audit;
  const rules = activeRatingRuleSet(db);
  const { raw, mark } = readMark(db, year);
  const whole =
    !mark ||
    !provisionalComputedAt(db, year) ||
    mark.ruleSet !== rules.version ||
    shanghaiDayNumber(new Date(mark.fullAt)) !== shanghaiDayNumber(now);
  const plan: RefreshPlan = whole
    ? { kind: 'all' }
    : mark.auditId >= auditId
      ? { kind: 'none' }
      : refreshPlan(auditedSince(db, mark.auditId, auditId));
  return { year, auditId, rules, raw, mark, plan };
}

/**
 * Keeps this year's provisional ratings current (decision 022): at 2,000 institutes a whole rating takes
 * seconds, one institute milliseconds, so only what changed is rated again. Returns whether anything was
 * stored. The server runs the large ones in its job thread (decision 031).
 */
export function refreshProvisionalRatings(db: Db, now = new Date()): boolean {
  return applyProvisionalRefresh(db, now, planProvisionalRefresh(db, now));
}

/** Rates and stores what `planned` says, with the mark, in one transaction. */
export function applyProvisionalRefresh(db: Db, now: Date, planned: PlannedRefresh): boolean {
  const { year, auditId, rules, raw, mark, plan } = planned;
  const key = markKey(year);
  const ruleSet = rules.version;
  if (plan.kind === 'none') {
    // Nothing to rate; the mark moves past what was looked at, unless another refresh stored one meanwhile.
    if (mark && mark.auditId < auditId)
      db.transaction(
        (tx) => {
          if (getSetting(tx as unknown as Db, key) === raw) putSetting(tx, key, JSON.stringify({ ...mark, auditId }));
        },
        { behavior: 'immediate' },
      );
    return false;
  }
  const T = evaluationInstant(year, now);
  const results = rateInstitutes(db, rules, year, { asOf: T, only: plan.kind === 'institutes' ? plan.ids : undefined });
  storeRatings(db, year, 'provisional', results, now, (tx) => {
    let next: ProvisionalMark = { auditId, fullAt: plan.kind === 'all' ? now.getTime() : mark!.fullAt, ruleSet };
    const current = readMark(tx, year);
    if (plan.kind === 'institutes' && current.raw !== raw) {
      // Another refresh stored since this one read the mark, and each may have rated an institute from
      // records the other had not seen. The mark goes back to the earlier of the two, so whatever was
      // audited after it is rated again at the next read rather than lost until tomorrow.
      next = {
        auditId: Math.min(mark!.auditId, current.mark?.auditId ?? 0),
        // An unreadable mark: rate everyone next time.
        fullAt: current.mark ? current.mark.fullAt : 0,
        ruleSet: current.mark?.ruleSet ?? ruleSet,
      };
    }
    putSetting(tx, key, JSON.stringify(next));
  });
  return true;
}
