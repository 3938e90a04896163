import { alertRuleSetSchema, type AlertRuleSet } from '@/domain/alerts/rule-set';

// The default alert rules `cas-2019-alerts-v1`: exactly RATING.md §7.
const body = {
  version: 'cas-2019-alerts-v1',
  'incident.serious': { enabled: true, I: 'red', II: 'red', III: 'orange', IV: null },
  'rating.rise': { enabled: true },
  'rating.near': { enabled: true, percent: 80, colour: 'yellow' },
  'hazard.overdue': { enabled: true, major: 'orange', general: 'yellow' },
  'domain.surge': { enabled: true, factor: 2, minimum: 5, months: 6, colour: 'orange' },
  'review.stale': { enabled: true, days: 14, colour: 'yellow' },
  'ethics.deadline': { enabled: true, days: 7, soon: 'blue', overdue: 'yellow' },
};

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

export const DEFAULT_ALERT_RULES: AlertRuleSet = deepFreeze(alertRuleSetSchema.parse(body));
