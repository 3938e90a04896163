import type { Db } from '@/db/client';
import { loadAlertFacts, provisionalRatingFacts } from '@/db/alerts/alert-inputs';
import { activeAlertRules } from '@/db/rule-sets/alert-rule-sets';
import { storeAlerts } from '@/db/alerts/alerts';
import { rateInstitutes } from '@/features/rating/rate-institutes';
import { refreshProvisionalRatings } from '@/features/rating/refresh';
import { shanghaiYear } from '@/domain/time/shanghai';
import { evaluateAlerts } from '@/domain/alerts/evaluate';
import { surgeEventsFrom } from '@/domain/alerts/rules/domain-surge';
import type { RatingRuleSet } from '@/domain/rating/rule-set';
import type { RatingFact } from '@/domain/alerts/types';

/** Every institute's provisional (year-to-date) rating computed at an instant, nothing stored. */
export function ratingFactsAt(db: Db, ruleSet: RatingRuleSet, asOf: Date): RatingFact[] {
  const year = shanghaiYear(asOf);
  return rateInstitutes(db, ruleSet, year, { asOf }).map(({ institute, rating }) => ({
    instituteId: institute.id,
    year,
    level: rating.level,
    points: rating.points,
  }));
}

export interface AlertRunResult {
  asOf: Date;
  candidates: number;
  stored: number;
  byRule: Record<string, number>;
}

/**
 * Evaluates every alert rule as of `asOf` (default: now) and stores what is new. The rules are state-based
 * (what is overdue, stale, near or surging at the instant), so a run after days of downtime fires now what
 * was missed, and a repeated run stores nothing new: the unique index decides. Ratings: as of now, this
 * year's stored provisional ratings, refreshed first; for another instant they are computed at it.
 */
export function runAlerts(db: Db, opts: { now?: Date; asOf?: Date } = {}): AlertRunResult {
  const now = opts.now ?? new Date();
  const asOf = opts.asOf ?? now;
  const rules = activeAlertRules(db);
  const year = shanghaiYear(asOf);
  let ratings: RatingFact[];
  if (opts.asOf === undefined) {
    refreshProvisionalRatings(db, now);
    ratings = provisionalRatingFacts(db, year);
  } else {
    ratings = ratingFactsAt(db, rules.rating, asOf);
  }
  const facts = loadAlertFacts(db, asOf, surgeEventsFrom(asOf, rules.alerts), ratings);
  const candidates = evaluateAlerts(facts, rules, asOf);
  const stored = db.transaction((tx) => storeAlerts(tx, candidates, now), { behavior: 'immediate' });
  const byRule: Record<string, number> = {};
  for (const c of candidates) byRule[c.rule] = (byRule[c.rule] ?? 0) + 1;
  return { asOf, candidates: candidates.length, stored, byRule };
}
