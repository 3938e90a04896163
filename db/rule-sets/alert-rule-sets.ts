// Legacy entry kept so callers outside the rule-set area need no change this session: the alert rule
// set's reads, now in db/rule-sets/read.ts (one store for both kinds). Copy, update and activate are in
// features/rule-sets/service.ts.
import type { Db } from '@/db/tx';
import { ensureDefaultRuleSet } from '@/db/rule-sets/read';

export { activeAlertRules, activeAlertRuleSet, alertRuleSetByVersion } from '@/db/rule-sets/read';

export const ensureDefaultAlertRuleSet = (db: Db, now = new Date()): Promise<void> => ensureDefaultRuleSet(db, 'alerts', now);
