import type { Db } from '@/db/client';
import { getSetting, putSetting } from '@/db/queries/settings';
import { provisionalComputedAt, storeRatings } from '@/db/queries/ratings';
import { auditedSince, newestAuditId } from '@/db/queries/rating-changes';
import { activeRatingRuleSet } from '@/db/queries/rule-sets';
import { shanghaiYear } from '@/lib/time';
import { evaluationInstant } from './evaluate';
import { rateInstitutes, yearHasEnded, type InstituteRating } from './rate-institutes';
import { refreshPlan, type RefreshPlan } from './refresh-plan';

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

function readMark(db: Db, year: number): ProvisionalMark | null {
  try {
    const m = JSON.parse(getSetting(db, markKey(year)) ?? 'null') as ProvisionalMark | null;
    return m && Number.isSafeInteger(m.auditId) && Number.isFinite(m.fullAt) && typeof m.ruleSet === 'string' ? m : null;
  } catch {
    return null;
  }
}

/**
 * Keeps this year's provisional ratings current (decision 022). They are rated again whole once a day (rules
 * that move with the clock: overdue, deadlines), when the active rule set changed, or after a change that
 * may touch every institute (a unit moved, a setting). After writes to records, only the institutes whose
 * records were written are rated again: at 2,000 institutes a whole rating takes seconds on the thread that
 * answers everyone, one institute milliseconds. Returns whether anything was stored.
 */
export function refreshProvisionalRatings(db: Db, now = new Date()): boolean {
  const year = shanghaiYear(now);
  // Read before rating: an entry written meanwhile is after the mark and is seen next time.
  const auditId = newestAuditId(db);
  const ruleSet = activeRatingRuleSet(db).version;
  const mark = readMark(db, year);
  const whole = !mark || !provisionalComputedAt(db, year) || mark.ruleSet !== ruleSet || mark.fullAt <= now.getTime() - 24 * 3_600_000;
  const plan: RefreshPlan = whole
    ? { kind: 'all' }
    : mark.auditId >= auditId
      ? { kind: 'none' }
      : refreshPlan(auditedSince(db, mark.auditId, auditId));
  if (plan.kind === 'none') {
    if (mark && mark.auditId < auditId) putSetting(db, markKey(year), JSON.stringify({ ...mark, auditId }));
    return false;
  }
  const next: ProvisionalMark = { auditId, fullAt: plan.kind === 'all' ? now.getTime() : mark!.fullAt, ruleSet };
  const T = evaluationInstant(year, now);
  const results = rateInstitutes(db, activeRatingRuleSet(db), year, { asOf: T, only: plan.kind === 'institutes' ? plan.ids : undefined });
  storeRatings(db, year, 'provisional', results, now, (tx) => putSetting(tx, markKey(year), JSON.stringify(next)));
  return true;
}
