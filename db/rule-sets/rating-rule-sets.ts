// Legacy entry kept so callers outside the rule-set area need no change this session: the rating rule
// set's reads, now in db/rule-sets/read.ts (one store for both kinds). Copy, update and activate are in
// features/rule-sets/service.ts.
import type { Db, Queryable } from '@/db/tx';
import type { Scope } from '@/domain/auth/actor';
import { ensureDefaultRuleSet, listRuleSetVersions, type RuleSetVersionRow } from '@/db/rule-sets/read';

export { activeRatingRuleSet, ratingRuleSetByVersion, type RuleSetVersionRow } from '@/db/rule-sets/read';

export const ensureDefaultRuleSets = (db: Db, now = new Date()): Promise<void> => ensureDefaultRuleSet(db, 'rating', now);

export const listRatingRuleSets = (q: Queryable, scope: Scope = { all: true }): Promise<RuleSetVersionRow[]> =>
  listRuleSetVersions(q, 'rating', scope);
