import { DAY_MS } from '@/domain/time/shanghai';
import { say, day, unitName } from '@/domain/alerts/say';
import type { AlertFacts, AlertRules, CandidateAlert } from '@/domain/alerts/types';

/**
 * review.stale: a submitted assessment that has waited more than `days` × 24 h for review at the as-of
 * instant. Period: its submission instant, so a resubmission after rejection starts a new wait.
 */
export function reviewStale(facts: AlertFacts, rules: AlertRules, asOf: Date): CandidateAlert[] {
  const rule = rules.alerts['review.stale'];
  if (!rule.enabled) return [];
  const limit = asOf.getTime() - rule.days * DAY_MS;
  return facts.assessments
    .filter((a) => a.status === 'submitted' && a.submittedAt !== null && a.submittedAt.getTime() < limit)
    .map((a) => ({
      rule: 'review.stale' as const,
      subjectKind: 'assessment' as const,
      subjectKey: String(a.id),
      period: a.submittedAt!.toISOString(),
      colour: rule.colour,
      unitId: a.unitId,
      domain: null,
      ...say('reviewStale', {
        unit: unitName(facts, a.unitId),
        ref: a.externalId,
        date: day(a.submittedAt!),
        days: Math.floor((asOf.getTime() - a.submittedAt!.getTime()) / DAY_MS),
      }),
      details: { links: [{ kind: 'record' as const, recordKind: 'assessments', id: a.id, externalId: a.externalId }] },
    }));
}
