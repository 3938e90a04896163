import { DEFAULT_ALERT_RULES } from '@/domain/alerts/default-rule-set';
import { alertRuleSetSchema, type AlertRuleSet } from '@/domain/alerts/rule-set';
import type { AlertFacts, AlertRules, IncidentFact } from '@/domain/alerts/types';
import { CAS_2019_V1 } from '@/domain/rating/default-rule-set';

// What the alert rules' unit tests share: an instant, the default rules (or a patched copy) and facts.

export const DAY = 86_400_000;
export const T = new Date('2026-06-15T12:00:00+08:00');
export const rules: AlertRules = { alerts: DEFAULT_ALERT_RULES, rating: CAS_2019_V1 };
export const withAlerts = (patch: (r: AlertRuleSet) => void): AlertRules => {
  const copy = structuredClone(DEFAULT_ALERT_RULES) as AlertRuleSet;
  patch(copy);
  return { alerts: alertRuleSetSchema.parse(copy), rating: CAS_2019_V1 };
};

export const facts = (over: Partial<AlertFacts> = {}): AlertFacts => ({
  units: new Map([[4, { id: 4, code: 'BJ01', name: '北京一所', nameEn: 'Beijing One' }]]),
  domains: new Map([['drones', { zh: '无人机', en: 'Drones' }]]),
  incidents: [],
  hazards: [],
  assessments: [],
  ratings: [],
  committees: [],
  activities: [],
  annualReports: [],
  events: [],
  ...over,
});

export const incident = (over: Partial<IncidentFact> = {}): IncidentFact => ({
  id: 1,
  externalId: 'INC-1',
  unitId: 4,
  domain: 'drones',
  tier: 4,
  deaths: 0,
  seriousInjuries: 0,
  directLossCny: 0,
  occurredAt: new Date('2026-06-01T09:00:00+08:00'),
  withdrawn: false,
  ...over,
});
