import { say, day, domainName, unitName } from '../say';
import type { AlertFacts, AlertRules, CandidateAlert } from '../types';

/**
 * hazard.overdue: a hazard whose due date lies before the as-of instant and that is still not rectified
 * then (a hazard rectified late before the run no longer needs a warning; the rating counts it anyway).
 * Period: the due date (as an instant), so a hazard whose deadline is extended fires again when it passes that.
 */
export function hazardOverdue(facts: AlertFacts, rules: AlertRules, asOf: Date): CandidateAlert[] {
  const rule = rules.alerts['hazard.overdue'];
  if (!rule.enabled) return [];
  const t = asOf.getTime();
  return facts.hazards
    .filter((h) => !h.withdrawn && h.dueAt.getTime() < t && (h.rectifiedAt === null || h.rectifiedAt.getTime() > t))
    .map((h) => ({
      rule: 'hazard.overdue' as const,
      subjectKind: 'hazard' as const,
      subjectKey: String(h.id),
      period: h.dueAt.toISOString(),
      colour: rule[h.severity],
      unitId: h.unitId,
      domain: h.domain,
      ...say(h.severity === 'major' ? 'hazardOverdueMajor' : 'hazardOverdueGeneral', {
        unit: unitName(facts, h.unitId),
        ref: h.externalId,
        due: day(h.dueAt),
        domain: domainName(facts, h.domain),
      }),
      details: {
        links: [{ kind: 'record' as const, recordKind: 'hazards', id: h.id, externalId: h.externalId }],
        dueAt: h.dueAt.toISOString(),
      },
    }));
}
