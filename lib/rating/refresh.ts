import type { Db } from '@/db/client';
import { getSetting, RECORDS_CHANGED_SETTING } from '@/db/queries/settings';
import { provisionalComputedAt, storeRatings } from '@/db/queries/ratings';
import { activeRatingRuleSet } from '@/db/queries/rule-sets';
import { shanghaiYear } from '@/lib/time';
import { evaluationInstant } from './evaluate';
import { rateInstitutes, yearHasEnded, type InstituteRating } from './rate-institutes';

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

/**
 * Keeps this year's provisional ratings current: recomputed when records changed since they were last
 * computed (every write sets RECORDS_CHANGED_SETTING), or when none are stored yet.
 */
export function refreshProvisionalRatings(db: Db, now = new Date()): boolean {
  const year = shanghaiYear(now);
  // Only when they were computed, not the ratings themselves: this runs on every view of the ratings page.
  const stored = provisionalComputedAt(db, year);
  const changedAt = Number(getSetting(db, RECORDS_CHANGED_SETTING) ?? 0);
  if (stored && stored.getTime() >= changedAt && stored.getTime() > now.getTime() - 24 * 3_600_000) return false;
  computeAndStoreRatings(db, year, now);
  return true;
}
