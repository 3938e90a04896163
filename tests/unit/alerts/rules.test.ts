import { describe, expect, it } from 'vitest';
import { DEFAULT_ALERT_RULES } from '@/domain/alerts/default-rule-set';
import { evaluateAlerts } from '@/domain/alerts/evaluate';
import { alertRuleSetSchema, type AlertRuleSet } from '@/domain/alerts/rule-set';
import { domainSurge, surgeEventsFrom } from '@/domain/alerts/rules/domain-surge';
import { ethicsDeadline } from '@/domain/alerts/rules/ethics-deadline';
import { HAZARD_OVERDUE_CAP, hazardOverdue } from '@/domain/alerts/rules/hazard-overdue';
import { incidentSerious } from '@/domain/alerts/rules/incident-serious';
import { ratingNear, ratingRise } from '@/domain/alerts/rules/rating-rules';
import { reviewStale } from '@/domain/alerts/rules/review-stale';
import type { AlertFacts, AlertRules, IncidentFact } from '@/domain/alerts/types';
import { CAS_2019_V1 } from '@/domain/rating/default-rule-set';

const DAY = 86_400_000;
const T = new Date('2026-06-15T12:00:00+08:00');
const rules: AlertRules = { alerts: DEFAULT_ALERT_RULES, rating: CAS_2019_V1 };
const withAlerts = (patch: (r: AlertRuleSet) => void): AlertRules => {
  const copy = structuredClone(DEFAULT_ALERT_RULES) as AlertRuleSet;
  patch(copy);
  return { alerts: alertRuleSetSchema.parse(copy), rating: CAS_2019_V1 };
};

const facts = (over: Partial<AlertFacts> = {}): AlertFacts => ({
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

const incident = (over: Partial<IncidentFact> = {}): IncidentFact => ({
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

describe('default alert rule set', () => {
  it('is RATING.md §7 exactly', () => {
    expect(DEFAULT_ALERT_RULES['incident.serious']).toMatchObject({ I: 'red', II: 'red', III: 'orange', IV: null });
    expect(DEFAULT_ALERT_RULES['rating.near']).toMatchObject({ percent: 80, colour: 'yellow' });
    expect(DEFAULT_ALERT_RULES['hazard.overdue']).toMatchObject({ major: 'orange', general: 'yellow' });
    expect(DEFAULT_ALERT_RULES['domain.surge']).toMatchObject({ factor: 2, minimum: 5, months: 6, colour: 'orange' });
    expect(DEFAULT_ALERT_RULES['review.stale']).toMatchObject({ days: 14, colour: 'yellow' });
    expect(DEFAULT_ALERT_RULES['ethics.deadline']).toMatchObject({ days: 7, soon: 'blue', overdue: 'yellow' });
  });

  it('refuses a misspelt field and an out-of-range number', () => {
    expect(alertRuleSetSchema.safeParse({ ...DEFAULT_ALERT_RULES, extra: 1 }).success).toBe(false);
    expect(
      alertRuleSetSchema.safeParse({ ...DEFAULT_ALERT_RULES, 'rating.near': { enabled: true, percent: 100, colour: 'yellow' } }).success,
    ).toBe(false);
  });
});

describe('incident.serious', () => {
  it('fires red for tiers I–II, orange for III, nothing for IV', () => {
    const out = incidentSerious(
      facts({
        incidents: [incident({ id: 1, tier: 1 }), incident({ id: 2, tier: 2 }), incident({ id: 3, tier: 3 }), incident({ id: 4, tier: 4 })],
      }),
      rules,
    );
    expect(out.map((a) => [a.subjectKey, a.colour, a.period])).toEqual([
      ['1', 'red', 'tier-I'],
      ['2', 'red', 'tier-II'],
      ['3', 'orange', 'tier-III'],
    ]);
    expect(out[1]!.messageZh).toContain('Ⅱ级');
    expect(out[1]!.messageEn).toContain('Beijing One (BJ01)');
    expect(out[1]!.details.links).toEqual([{ kind: 'record', recordKind: 'incidents', id: 2, externalId: 'INC-1' }]);
  });

  it('uses the effective tier: 3 deaths make a tier IV report tier III; 2 do not', () => {
    expect(incidentSerious(facts({ incidents: [incident({ deaths: 3 })] }), rules).map((a) => a.colour)).toEqual(['orange']);
    expect(incidentSerious(facts({ incidents: [incident({ deaths: 2 })] }), rules)).toEqual([]);
    expect(incidentSerious(facts({ incidents: [incident({ directLossCny: 50_000_000 })] }), rules).map((a) => a.period)).toEqual([
      'tier-II',
    ]);
    expect(incidentSerious(facts({ incidents: [incident({ directLossCny: 49_999_999 })] }), rules).map((a) => a.period)).toEqual([
      'tier-III',
    ]);
  });

  it('ignores withdrawn incidents and a switched-off rule', () => {
    expect(incidentSerious(facts({ incidents: [incident({ tier: 1, withdrawn: true })] }), rules)).toEqual([]);
    const off = withAlerts((r) => (r['incident.serious'].enabled = false));
    expect(incidentSerious(facts({ incidents: [incident({ tier: 1 })] }), off)).toEqual([]);
  });
});

describe('rating.rise and rating.near', () => {
  const rating = (level: 'blue' | 'yellow' | 'orange' | 'red', points: number) => ({ instituteId: 4, year: 2026, level, points });

  it('rise fires for a level worse than blue, period unit + year + level', () => {
    expect(ratingRise(facts({ ratings: [rating('blue', 9)] }), rules)).toEqual([]);
    const out = ratingRise(facts({ ratings: [rating('orange', 30)] }), rules);
    expect(out.map((a) => [a.subjectKey, a.period, a.colour])).toEqual([['4', '2026:orange', 'orange']]);
    expect(out[0]!.details.links).toEqual([{ kind: 'rating', year: 2026, unitCode: 'BJ01' }]);
  });

  it('near fires at 8 while blue, 20 while yellow, 40 while orange, not one below, never once crossed', () => {
    const near = (level: 'blue' | 'yellow' | 'orange' | 'red', points: number) =>
      ratingNear(facts({ ratings: [rating(level, points)] }), rules).map((a) => a.period);
    expect(near('blue', 8)).toEqual(['2026:yellow']);
    expect(near('blue', 7)).toEqual([]);
    expect(near('yellow', 20)).toEqual(['2026:orange']);
    expect(near('yellow', 19)).toEqual([]);
    expect(near('orange', 40)).toEqual(['2026:red']);
    expect(near('orange', 39)).toEqual([]);
    expect(near('orange', 50)).toEqual([]);
    expect(near('red', 60)).toEqual([]);
  });
});

describe('hazard.overdue', () => {
  const hazard = (over: Partial<AlertFacts['hazards'][number]> = {}) => ({
    id: 7,
    externalId: 'HAZ-7',
    unitId: 4,
    domain: 'drones',
    severity: 'major' as const,
    dueAt: new Date(T.getTime() - 1),
    rectifiedAt: null,
    withdrawn: false,
    ...over,
  });

  it('fires once the due date has passed, orange for major and yellow for general; not at the due instant', () => {
    expect(hazardOverdue(facts({ hazards: [hazard()] }), rules, T).map((a) => [a.colour, a.period])).toEqual([
      ['orange', new Date(T.getTime() - 1).toISOString()],
    ]);
    expect(hazardOverdue(facts({ hazards: [hazard({ severity: 'general' })] }), rules, T).map((a) => a.colour)).toEqual(['yellow']);
    expect(hazardOverdue(facts({ hazards: [hazard({ dueAt: T })] }), rules, T)).toEqual([]);
  });

  it('not for a hazard rectified by then, nor a withdrawn one', () => {
    expect(hazardOverdue(facts({ hazards: [hazard({ rectifiedAt: new Date(T.getTime() - 1) })] }), rules, T)).toEqual([]);
    expect(hazardOverdue(facts({ hazards: [hazard({ withdrawn: true })] }), rules, T)).toEqual([]);
    // Rectified only after the as-of instant: still unrectified then.
    expect(hazardOverdue(facts({ hazards: [hazard({ rectifiedAt: new Date(T.getTime() + DAY) })] }), rules, T)).toHaveLength(1);
  });

  it('fires one each for at most the cap per institute, majors and the longest overdue first, and one daily summary for the rest', () => {
    const many = (n: number, instituteId: number, from = 0) =>
      Array.from({ length: n }, (_, i) =>
        hazard({
          id: from + i + 1,
          externalId: `HAZ-${from + i + 1}`,
          unitId: instituteId,
          instituteId,
          severity: i % 10 === 9 ? 'major' : 'general',
          dueAt: new Date(T.getTime() - (i + 1) * 60_000),
        }),
      );
    const cap = HAZARD_OVERDUE_CAP;
    const out = hazardOverdue(facts({ hazards: [...many(cap, 5, 10_000), ...many(cap + 7, 4)] }), rules, T);
    // Institute 5 at the cap: no summary.
    expect(out.filter((a) => a.unitId === 5).map((a) => a.subjectKind)).toEqual(Array(cap).fill('hazard'));
    const four = out.filter((a) => a.unitId === 4);
    expect(four.filter((a) => a.subjectKind === 'hazard')).toHaveLength(cap);
    // Every major (each 10th) is among the individual ones; the 7 left are the most recently due generals (ids 1-7).
    const individual = new Set(four.filter((a) => a.subjectKind === 'hazard').map((a) => Number(a.subjectKey)));
    for (let id = 10; id <= cap + 7; id += 10) expect(individual.has(id)).toBe(true);
    for (let id = 1; id <= 7; id++) expect(individual.has(id)).toBe(false);
    expect(individual.has(8)).toBe(true);
    const summary = four.find((a) => a.subjectKind === 'unit')!;
    expect(summary).toMatchObject({ subjectKey: '4', period: '2026-06-15:overdue-hazards', colour: 'yellow', domain: null });
    expect(summary.messageEn).toContain('7 more overdue hazards');
    // The same facts give the same candidates (so a re-run stores nothing new).
    expect(hazardOverdue(facts({ hazards: [...many(cap, 5, 10_000), ...many(cap + 7, 4)] }), rules, T)).toEqual(out);
  });
});

describe('domain.surge', () => {
  // Baseline: 6 months before June 2026 (Dec–May) with 12 events in all: mean 2, twice the mean 4.
  const baseline = ['2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05'].flatMap((m) => [
    { domain: 'drones', at: new Date(`${m}-10T10:00:00+08:00`) },
    { domain: 'drones', at: new Date(`${m}-11T10:00:00+08:00`) },
  ]);
  const june = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ domain: 'drones', at: new Date(`2026-06-0${1 + (i % 9)}T10:00:00+08:00`) }));

  it('fires when a month exceeds twice the mean and reaches 5; not at exactly twice', () => {
    const out = domainSurge(facts({ events: [...baseline, ...june(5)] }), rules, T);
    expect(out.map((a) => [a.subjectKey, a.period, a.colour, a.unitId])).toEqual([['drones', '2026-06', 'orange', null]]);
    expect(domainSurge(facts({ events: [...baseline, ...june(4)] }), rules, T)).toEqual([]);
  });

  it('needs at least 5 even above twice the mean', () => {
    expect(domainSurge(facts({ events: june(4) }), rules, T)).toEqual([]);
    expect(domainSurge(facts({ events: june(5) }), rules, T).map((a) => a.period)).toEqual(['2026-06']);
  });

  it('counts months in Asia/Shanghai and judges the month before too; events after the instant do not count', () => {
    // 23:30 UTC on 31 May is 07:30 on 1 June in Beijing.
    const edge = Array.from({ length: 5 }, () => ({ domain: 'drones', at: new Date('2026-05-31T23:30:00Z') }));
    expect(domainSurge(facts({ events: edge }), rules, T).map((a) => a.period)).toEqual(['2026-06']);
    const may = Array.from({ length: 5 }, () => ({ domain: 'drones', at: new Date('2026-05-20T10:00:00+08:00') }));
    expect(domainSurge(facts({ events: may }), rules, T).map((a) => a.period)).toEqual(['2026-05']);
    const later = Array.from({ length: 5 }, () => ({ domain: 'drones', at: new Date(T.getTime() + 1) }));
    expect(domainSurge(facts({ events: later }), rules, T)).toEqual([]);
  });

  it('reads events from the start of the oldest month it compares (Beijing time)', () => {
    // June and May are judged, each against the 6 months before: from 1 November 2025, 00:00 in Beijing.
    expect(surgeEventsFrom(T, rules.alerts).toISOString()).toBe('2025-10-31T16:00:00.000Z');
  });
});

describe('review.stale', () => {
  const assessment = (submittedAt: Date, status = 'submitted') => ({ id: 9, externalId: 'ASM-9', unitId: 4, status, submittedAt });

  it('fires after more than 14 days waiting, not at exactly 14', () => {
    const at14 = new Date(T.getTime() - 14 * DAY);
    expect(reviewStale(facts({ assessments: [assessment(new Date(at14.getTime() - 1))] }), rules, T).map((a) => a.colour)).toEqual([
      'yellow',
    ]);
    expect(reviewStale(facts({ assessments: [assessment(at14)] }), rules, T)).toEqual([]);
    expect(reviewStale(facts({ assessments: [assessment(new Date(at14.getTime() - DAY), 'approved')] }), rules, T)).toEqual([]);
  });
});

describe('ethics.deadline', () => {
  const committee = (establishedAt: Date, over = {}) => ({
    id: 11,
    externalId: 'EC-11',
    unitId: 4,
    instituteId: 4,
    establishedAt,
    registeredAt: null,
    dissolvedAt: null,
    withdrawn: false,
    ...over,
  });

  it('committee registration: blue within 7 days of the 30-day deadline, yellow once overdue, nothing earlier', () => {
    const dueAt = (due: Date) => new Date(due.getTime() - 30 * DAY);
    const run = (establishedAt: Date, over = {}) =>
      ethicsDeadline(facts({ committees: [committee(establishedAt, over)] }), rules, T).filter((a) => a.subjectKind === 'ethics-committee');
    expect(run(dueAt(new Date(T.getTime() + 7 * DAY))).map((a) => [a.colour, a.details.stage])).toEqual([['blue', 'soon']]);
    expect(run(dueAt(new Date(T.getTime() + 7 * DAY + 1)))).toEqual([]);
    expect(run(dueAt(T)).map((a) => a.colour)).toEqual(['yellow']);
    expect(run(dueAt(new Date(T.getTime() + 1))).map((a) => a.colour)).toEqual(['blue']);
    expect(run(dueAt(T), { registeredAt: new Date(T.getTime() - DAY) })).toEqual([]);
  });

  it('activity registration runs from the ethics approval', () => {
    const out = ethicsDeadline(
      facts({
        activities: [
          { id: 12, externalId: 'EA-12', unitId: 4, approvedAt: new Date(T.getTime() - 31 * DAY), registeredAt: null, withdrawn: false },
        ],
      }),
      rules,
      T,
    );
    expect(out.map((a) => [a.subjectKind, a.colour])).toEqual([['ethics-activity', 'yellow']]);
  });

  it("annual report: last year's report is due before 1 April; blue from 25 March, yellow from 1 April; none once submitted", () => {
    const c = committee(new Date('2024-05-01T00:00:00+08:00'), { registeredAt: new Date('2024-05-10T00:00:00+08:00') });
    const at = (iso: string, reports: AlertFacts['annualReports'] = []) =>
      ethicsDeadline(facts({ committees: [c], annualReports: reports }), rules, new Date(iso)).map((a) => [a.subjectKey, a.colour]);
    expect(at('2026-03-25T00:00:00+08:00')).toEqual([['4:2025', 'blue']]);
    expect(at('2026-03-24T23:59:59+08:00')).toEqual([]);
    expect(at('2026-04-01T00:00:00+08:00')).toEqual([['4:2025', 'yellow']]);
    expect(
      at('2026-04-01T00:00:00+08:00', [
        { instituteId: 4, year: 2025, submittedAt: new Date('2026-03-30T00:00:00+08:00'), withdrawn: false },
      ]),
    ).toEqual([]);
  });
});

describe('evaluateAlerts', () => {
  it('runs only the rules switched on', () => {
    const f = facts({ incidents: [incident({ tier: 1 })], ratings: [{ instituteId: 4, year: 2026, level: 'red', points: 100 }] });
    expect(new Set(evaluateAlerts(f, rules, T).map((a) => a.rule))).toEqual(new Set(['incident.serious', 'rating.rise']));
    const off = withAlerts((r) => (r['rating.rise'].enabled = false));
    expect(evaluateAlerts(f, off, T).map((a) => a.rule)).toEqual(['incident.serious']);
  });
});

describe('the alert rule form', () => {
  it('turns form values into a rule set, an unticked box switching a rule off', async () => {
    const { alertRuleFormSchema, alertRuleFormValues } = await import('@/domain/rule-sets/alert-texts');
    const values: Record<string, string> = { ...alertRuleFormValues(DEFAULT_ALERT_RULES), version: 'v2' };
    delete values['review.stale.enabled'];
    values['domain.surge.factor'] = '2.5';
    const parsed = alertRuleFormSchema.parse(Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v === 'true' ? 'on' : v])));
    expect(parsed['review.stale'].enabled).toBe(false);
    expect(parsed['incident.serious']).toMatchObject({ enabled: true, IV: null, III: 'orange' });
    expect(parsed['domain.surge'].factor).toBe(2.5);
  });

  it("names each field at fault, in the reader's language", async () => {
    const { alertRuleFormSchema, alertRuleFormValues } = await import('@/domain/rule-sets/alert-texts');
    const { fieldErrors } = await import('@/domain/i18n/validation');
    const raw = {
      ...alertRuleFormValues(DEFAULT_ALERT_RULES),
      'rating.near.percent': '100',
      'review.stale.days': '1.5',
      'hazard.overdue.major': 'pink',
    };
    const result = alertRuleFormSchema.safeParse(raw);
    expect(result.success).toBe(false);
    const zh = Object.fromEntries(fieldErrors(result.error!, 'zh-CN', raw).map((e) => [e.field, e.message]));
    const en = Object.fromEntries(fieldErrors(result.error!, 'en', raw).map((e) => [e.field, e.message]));
    expect(Object.keys(en).sort()).toEqual(['hazard.overdue.major', 'rating.near.percent', 'review.stale.days']);
    expect(en['rating.near.percent']).toBe('must be at most 99.');
    expect(en['review.stale.days']).toBe('must be a whole number.');
    expect(zh['rating.near.percent']).not.toBe(en['rating.near.percent']);
  });
});
