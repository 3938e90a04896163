// Legacy entry kept so callers outside the rule-set area need no change this session: the rating rule
// set's reads, now in db/rule-sets/read.ts (one store for both kinds). Copy, update and activate are in
// features/rule-sets/service.ts.
import type { Db } from '@/db/client';
import type { Scope } from '@/domain/auth/actor';
import { ensureDefaultRuleSet, listRuleSetVersions, type RuleSetVersionRow } from '@/db/rule-sets/read';

export { activeRatingRuleSet, ratingRuleSetByVersion, type RuleSetVersionRow } from '@/db/rule-sets/read';

export const ensureDefaultRuleSets = (db: Db, now = new Date()): void => ensureDefaultRuleSet(db, 'rating', now);

export const listRatingRuleSets = (db: Db, scope: Scope = { all: true }): RuleSetVersionRow[] => listRuleSetVersions(db, 'rating', scope);
