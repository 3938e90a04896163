import type { Db, Queryable } from '@/db/tx';
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
export async function ratingFactsAt(q: Queryable, ruleSet: RatingRuleSet, asOf: Date): Promise<RatingFact[]> {
  const year = shanghaiYear(asOf);
  const rated = await rateInstitutes(q, ruleSet, year, { asOf });
  return rated.map(({ institute, rating }) => ({
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
export async function runAlerts(db: Db, opts: { now?: Date; asOf?: Date } = {}): Promise<AlertRunResult> {
  const now = opts.now ?? new Date();
  const asOf = opts.asOf ?? now;
  const rules = await activeAlertRules(db);
  const year = shanghaiYear(asOf);
  if (opts.asOf === undefined) await refreshProvisionalRatings(db, now);
  // Every fact from one state of the records, as the synchronous reads gave: a write that commits while
  // they are read is seen whole or not at all.
  const facts = await db.snapshot(async (tx) => {
    const ratings = opts.asOf === undefined ? await provisionalRatingFacts(tx, year) : await ratingFactsAt(tx, rules.rating, asOf);
    return loadAlertFacts(tx, asOf, surgeEventsFrom(asOf, rules.alerts), ratings);
  });
  const candidates = evaluateAlerts(facts, rules, asOf);
  const stored = await db.transaction((tx) => storeAlerts(tx, candidates, now));
  const byRule: Record<string, number> = {};
  for (const c of candidates) byRule[c.rule] = (byRule[c.rule] ?? 0) + 1;
  return { asOf, candidates: candidates.length, stored, byRule };
}
