import type { Level } from '@/domain/reference/level-codes';
import { HOUR_MS } from '@/domain/time/shanghai';
import { effectiveTier, tierKey } from '@/domain/incidents/effective-tier';
import type { RatingWindow, Scores } from '@/domain/rating/rating-window';
import type { RatingRuleSet } from '@/domain/rating/rule-set';
import type { Contribution, IncidentDetail, IncidentFigure, IncidentRecord, IncidentRuleId } from '@/domain/rating/types';

const tierRules = ['incident.tier1', 'incident.tier2', 'incident.tier3', 'incident.tier4'] as const;

/** incident.tier1-4, incident.late and incident.concealed for the incidents that occurred in Y. */
export function scoreIncidents(incidents: readonly IncidentRecord[], w: RatingWindow, out: Scores): void {
  const { incidents: rules, floors } = w.ruleSet;
  for (const incident of incidents) {
    if (incident.withdrawn) continue;
    const occurred = incident.occurredAt.getTime();
    if (occurred < w.start || occurred >= w.asOf) continue;

    const { effective, deadline } = reportDeadline(incident, w.ruleSet);
    const key = tierKey(effective.tier);
    const detail: IncidentDetail = {
      occurredAt: incident.occurredAt,
      setTier: incident.tier,
      effectiveTier: effective.tier,
      raisedBy: effective.raised ? effective.implied.by : [],
      discoveredAt: incident.discoveredAt,
      reportedAt: incident.reportedAt,
      reportTimeUnknown: incident.reportTimeUnknown === true,
      deadline: new Date(deadline),
    };
    const tierRule = tierRules[effective.tier - 1]!;
    const tierFloor = tierRule === 'incident.tier4' ? null : floors[tierRule];
    out.add(contribution(incident, tierRule, rules.tierPoints[key], tierFloor, detail), occurred);
    if (lateAgainst(incident, deadline)) {
      out.add(contribution(incident, 'incident.late', rules.latePoints, null, detail), occurred);
    }
    if (incident.concealed) {
      out.add(contribution(incident, 'incident.concealed', rules.concealedPoints, floors['incident.concealed'], detail), occurred);
    }
  }
}

type Timed = Pick<IncidentRecord, 'tier' | IncidentFigure | 'discoveredAt' | 'reportedAt' | 'reportTimeUnknown'>;

/**
 * The reporting deadline: discovery + the hours of the effective tier. It follows the effective tier: an
 * incident the figures make tier II is due in 2 h even if the reporter called it tier IV, or under-tiering
 * would also buy a longer deadline.
 */
export function reportDeadline(incident: Omit<Timed, 'reportedAt' | 'reportTimeUnknown'>, ruleSet: RatingRuleSet) {
  const effective = effectiveTier(incident, ruleSet);
  return {
    effective,
    deadline: incident.discoveredAt.getTime() + ruleSet.incidents.reportDeadlineHours[tierKey(effective.tier)] * HOUR_MS,
  };
}

/**
 * incident.late: reported after its deadline (exactly at it is on time). An incident whose report time is
 * unknown (history loaded without one, decision 033) is never late: lateness is not invented from the
 * time the record happened to be received. The intake's backfill warning asks the same question.
 */
export function reportedLate(incident: Timed, ruleSet: RatingRuleSet): boolean {
  return lateAgainst(incident, reportDeadline(incident, ruleSet).deadline);
}

function lateAgainst(incident: Pick<Timed, 'reportedAt' | 'reportTimeUnknown'>, deadline: number): boolean {
  return !incident.reportTimeUnknown && incident.reportedAt.getTime() > deadline;
}

function contribution(
  incident: IncidentRecord,
  rule: IncidentRuleId,
  points: number,
  floor: Level | null,
  detail: IncidentDetail,
): Contribution {
  return { rule, kind: 'incidents', recordId: incident.id, externalId: incident.externalId, points, floor, detail };
}
