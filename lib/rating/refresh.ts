import type { Db } from '@/db/client';
import { getSetting, RECORDS_CHANGED_SETTING } from '@/db/queries/settings';
import { storeRatings, storedRatings } from '@/db/queries/ratings';
import { activeRatingRuleSet } from '@/db/queries/rule-sets';
import { ALL_UNITS } from '@/lib/auth/scope-types';
import { shanghaiYear } from '@/lib/time';
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
  const results = rateInstitutes(db, activeRatingRuleSet(db), year, { asOf: asOf ?? now });
  const status = results[0]
    ? yearHasEnded(year, results[0].rating.asOf)
      ? 'final'
      : 'provisional'
    : yearHasEnded(year, asOf ?? now)
      ? 'final'
      : 'provisional';
  storeRatings(db, year, status, results, now, within);
  return { status, results };
}

/**
 * Keeps this year's provisional ratings current: recomputed when records changed since they were last
 * computed (every write sets RECORDS_CHANGED_SETTING), or when none are stored yet.
 */
export function refreshProvisionalRatings(db: Db, now = new Date()): boolean {
  const year = shanghaiYear(now);
  const stored = storedRatings(db, ALL_UNITS, year, 'provisional');
  const changedAt = Number(getSetting(db, RECORDS_CHANGED_SETTING) ?? 0);
  const computedAt = stored.reduce((min, r) => Math.min(min, r.computedAt.getTime()), Number.POSITIVE_INFINITY);
  if (stored.length > 0 && computedAt >= changedAt && computedAt > now.getTime() - 24 * 3_600_000) return false;
  computeAndStoreRatings(db, year, now);
  return true;
}
