import { describe, expect, it } from 'vitest';
import { DEFAULT_ALERT_RULES } from '@/domain/alerts/default-rule-set';
import { HAZARD_OVERDUE_CAP, hazardOverdue } from '@/domain/alerts/rules/hazard-overdue';
import { incidentSerious } from '@/domain/alerts/rules/incident-serious';
import { ratingNear, ratingRise } from '@/domain/alerts/rules/rating-rules';
import { alertRuleSetSchema } from '@/domain/alerts/rule-set';
import type { AlertFacts } from '@/domain/alerts/types';
import { DAY, T, facts, incident, rules, withAlerts } from './rule-facts';

// The rules on incidents, ratings and hazards; the month's surge, reviews, ethics deadlines and the rule
// form: rules-deadlines.test.ts.

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
