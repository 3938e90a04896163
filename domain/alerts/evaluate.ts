import type { AlertFacts, AlertRules, CandidateAlert } from '@/domain/alerts/types';
import { domainSurge } from '@/domain/alerts/rules/domain-surge';
import { ethicsDeadline } from '@/domain/alerts/rules/ethics-deadline';
import { hazardOverdue } from '@/domain/alerts/rules/hazard-overdue';
import { incidentSerious } from '@/domain/alerts/rules/incident-serious';
import { ratingNear, ratingRise } from '@/domain/alerts/rules/rating-rules';
import { reviewStale } from '@/domain/alerts/rules/review-stale';

/**
 * Every enabled rule over the facts at instant `asOf`: pure, so the same facts, rules and instant always give
 * the same candidates. Which of them are new is for the database's unique index to say.
 */
export function evaluateAlerts(facts: AlertFacts, rules: AlertRules, asOf: Date): CandidateAlert[] {
  return [
    ...incidentSerious(facts, rules),
    ...ratingRise(facts, rules),
    ...ratingNear(facts, rules),
    ...hazardOverdue(facts, rules, asOf),
    ...domainSurge(facts, rules, asOf),
    ...reviewStale(facts, rules, asOf),
    ...ethicsDeadline(facts, rules, asOf),
  ];
}
