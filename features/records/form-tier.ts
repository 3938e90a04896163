import type { Queryable } from '@/db/tx';
import { activeRatingRuleSet } from '@/db/rule-sets/rating-rule-sets';
import { effectiveTier } from '@/domain/incidents/effective-tier';
import { isTier } from '@/domain/incidents/report-timing';

const figure = (v: unknown, stored: unknown) => (typeof v === 'number' ? v : typeof stored === 'number' ? stored : 0);

/**
 * The tier is never lower than the figures imply under the active rule set (DOMAIN.md §6): the record
 * form raises it before it is stored, with the thresholds the rating will count it by. Returns the tier
 * the reporter chose when it was raised (the page says why), and sets `item.tier`. A figure the form left
 * out keeps its stored value (`existing`).
 */
export async function raiseFormTier(
  db: Queryable,
  item: Record<string, unknown>,
  existing: Record<string, unknown> | null,
): Promise<number | undefined> {
  if (!isTier(item.tier)) return undefined;
  const incident = {
    tier: item.tier,
    deaths: figure(item.deaths, existing?.deaths),
    seriousInjuries: figure(item.seriousInjuries, existing?.seriousInjuries),
    directLossCny: figure(item.directLossCny, existing?.directLossCny),
  };
  const tier = effectiveTier(incident, await activeRatingRuleSet(db));
  if (!tier.raised) return undefined;
  item.tier = tier.tier;
  return tier.setTier;
}
