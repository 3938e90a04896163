import type { RatingRuleSet } from '@/domain/rating/rule-set';
import type { EffectiveTier, FigureHit, ImpliedTier, IncidentFigure, IncidentRecord, Tier } from '@/domain/rating/types';

// The national four-tier scale (DOMAIN.md §6): any one figure at or above a tier's threshold makes the
// incident at least that tier; the reporter may set a more serious tier, never a less serious one. The
// one implementation: the rating, the alerts, the API and the record form (server action and the live
// panel in the browser) all call it with the active rule set's thresholds; db/records/effective-tier-sql.ts
// renders the same rule in SQL.

const tierKeys = ['I', 'II', 'III', 'IV'] as const;
export type TierKey = (typeof tierKeys)[number];

/** The rule set's key for a tier: 1 → 'I' … 4 → 'IV'. */
export function tierKey(tier: Tier): TierKey {
  return tierKeys[tier - 1]!;
}

/** The figures that make an incident at least tier I, II or III. */
export type TierThresholds = RatingRuleSet['incidents']['tierThresholds'];
/** What the tier rule reads from a rule set: a whole rule set fits, and the browser gets only the thresholds. */
export interface TierRules {
  incidents: { tierThresholds: TierThresholds };
}
/** The rule set shape of bare thresholds, for a client component that receives them as a prop. */
export const tierRules = (tierThresholds: TierThresholds): TierRules => ({ incidents: { tierThresholds } });

const figures: readonly IncidentFigure[] = ['deaths', 'seriousInjuries', 'directLossCny'];
const thresholdTiers = [
  [1, 'I'],
  [2, 'II'],
  [3, 'III'],
] as const;

/** The most serious tier the figures reach, with every figure that reaches it. */
export function impliedTier(incident: Pick<IncidentRecord, IncidentFigure>, ruleSet: TierRules): ImpliedTier {
  for (const [tier, key] of thresholdTiers) {
    const thresholds = ruleSet.incidents.tierThresholds[key];
    let by: FigureHit[] | null = null;
    for (const figure of figures) {
      if (incident[figure] >= thresholds[figure]) (by ??= []).push({ figure, value: incident[figure], threshold: thresholds[figure] });
    }
    if (by) return { tier, by };
  }
  return { tier: 4, by: [] };
}

/** The more serious of the reporter's tier and the figures' tier. */
export function effectiveTier(incident: Pick<IncidentRecord, 'tier' | IncidentFigure>, ruleSet: TierRules): EffectiveTier {
  const implied = impliedTier(incident, ruleSet);
  const raised = implied.tier < incident.tier;
  return { tier: raised ? implied.tier : incident.tier, setTier: incident.tier, implied, raised };
}
