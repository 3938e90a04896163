import type { RatingRuleSet } from '@/domain/rating/rule-set';
import { effectiveTier } from '@/domain/incidents/effective-tier';
import type { Tier } from '@/domain/rating/types';

/**
 * An incident as the API answers it, with the tier the rating counts beside the tier sent (shared/API.md
 * "Read"): `effectiveTier` under the active rule set, and `effectiveTierBy`, the figures that raised it
 * (empty when the tier sent stands). A reader never has to redo the rating's arithmetic to see that an
 * incident with 189 deaths sent as tier IV counts as tier I.
 */
export function withEffectiveTier(record: Record<string, unknown>, ruleSet: RatingRuleSet): Record<string, unknown> {
  const figure = (k: string) => (typeof record[k] === 'number' ? (record[k] as number) : 0);
  const tier = effectiveTier(
    {
      tier: record.tier as Tier,
      deaths: figure('deaths'),
      seriousInjuries: figure('seriousInjuries'),
      directLossCny: figure('directLossCny'),
    },
    ruleSet,
  );
  return { ...record, effectiveTier: tier.tier, effectiveTierBy: tier.raised ? tier.implied.by : [] };
}
