import { effectiveTier, tierKey } from '@/domain/incidents/effective-tier';
import { say, day, domainName, tierName, unitName } from '@/domain/alerts/say';
import type { AlertFacts, AlertRules, CandidateAlert, IncidentFact } from '@/domain/alerts/types';

/**
 * incident.serious for one incident: an alert when its effective tier (the more serious of the reporter's
 * tier and the tier its figures imply, by the rating rule set's thresholds) has a colour in the alert rules.
 * Period: the effective tier, so an incident raised from III to II fires again (red), never twice for one tier.
 */
export function seriousIncidentAlert(
  incident: IncidentFact,
  facts: Pick<AlertFacts, 'units' | 'domains'>,
  rules: AlertRules,
): CandidateAlert | null {
  const rule = rules.alerts['incident.serious'];
  if (!rule.enabled || incident.withdrawn) return null;
  const tier = effectiveTier(incident, rules.rating).tier;
  const key = tierKey(tier);
  const colour = rule[key];
  if (!colour) return null;
  return {
    rule: 'incident.serious',
    subjectKind: 'incident',
    subjectKey: String(incident.id),
    period: `tier-${key}`,
    colour,
    unitId: incident.unitId,
    domain: incident.domain,
    ...say('incidentSerious', {
      unit: unitName(facts, incident.unitId),
      tier: tierName(tier),
      ref: incident.externalId,
      domain: domainName(facts, incident.domain),
      date: day(incident.occurredAt),
    }),
    details: {
      links: [{ kind: 'record', recordKind: 'incidents', id: incident.id, externalId: incident.externalId }],
      tier,
      setTier: incident.tier,
    },
  };
}

/** incident.serious over every incident given (the daily job's safety net; the write path fires it first). */
export function incidentSerious(facts: AlertFacts, rules: AlertRules): CandidateAlert[] {
  return facts.incidents.flatMap((i) => seriousIncidentAlert(i, facts, rules) ?? []);
}
