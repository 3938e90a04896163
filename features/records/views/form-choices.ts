import type { Queryable } from '@/db/tx';
import { projectOptions } from '@/db/records/read';
import { listDimensions, listDomains } from '@/db/reference/reference';
import { activeRatingRuleSet } from '@/db/rule-sets/rating-rule-sets';
import type { Scope } from '@/domain/auth/actor';

/**
 * What a record form offers besides its values, for a new record, an edit or a correction: the projects in
 * the reader's scope, the domains and dimensions, and the active rule set's tier thresholds, so that the
 * live tier panel raises a tier exactly as saving will.
 */
export async function recordFormChoices(db: Queryable, scope: Scope) {
  const [projects, domains, dimensions, ruleSet] = await Promise.all([
    projectOptions(db, scope),
    listDomains(db),
    listDimensions(db),
    activeRatingRuleSet(db),
  ]);
  return { projects, domains, dimensions, tierThresholds: ruleSet.incidents.tierThresholds };
}
