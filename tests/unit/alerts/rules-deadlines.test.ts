import { describe, expect, it } from 'vitest';
import { DEFAULT_ALERT_RULES } from '@/domain/alerts/default-rule-set';
import { evaluateAlerts } from '@/domain/alerts/evaluate';
import { domainSurge, surgeEventsFrom } from '@/domain/alerts/rules/domain-surge';
import { ethicsDeadline } from '@/domain/alerts/rules/ethics-deadline';
import { reviewStale } from '@/domain/alerts/rules/review-stale';
import type { AlertFacts } from '@/domain/alerts/types';
import { DAY, T, facts, incident, rules, withAlerts } from './rule-facts';

// The rules that count or wait (domain.surge, review.stale, ethics.deadline), the rules run together, and
// the form that edits them. Incidents, ratings and hazards: rules.test.ts.

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
