import { describe, expect, it } from 'vitest';
import { CAS_2019_V1 } from '@/domain/rating/default-rule-set';
import { evaluate, evaluationInstant, levelByPoints, worseLevel } from '@/domain/rating/evaluate';
import { ratingRuleSetSchema } from '@/domain/rating/rule-set';
import {
  DAY,
  END_2025,
  SECOND,
  activity,
  annualReport,
  assessment,
  at,
  committee,
  hazard,
  incident,
  plus,
  project,
  records,
  reversed,
} from './builders';

describe('evaluationInstant', () => {
  it('is the end of local year Y, or now if that is earlier', () => {
    expect(evaluationInstant(2025, at('2026-01-10T02:00:00+08:00')).toISOString()).toBe('2025-12-31T16:00:00.000Z');
    expect(evaluationInstant(2025, at('2025-12-31T23:59:59+08:00')).toISOString()).toBe('2025-12-31T15:59:59.000Z');
    expect(evaluationInstant(2025, at('2025-12-31T16:00:00Z'))).toEqual(END_2025);
  });
});

describe('evaluate', () => {
  it('rates an institute with no records blue with 0 points', () => {
    expect(evaluate(records(), CAS_2019_V1, 2025, END_2025)).toEqual({
      year: 2025,
      asOf: END_2025,
      ruleSetVersion: 'cas-2019-v1',
      points: 0,
      levelByPoints: 'blue',
      floors: [],
      level: 'blue',
      contributions: [],
    });
  });

  it('clamps a T after the end of Y to the end of Y', () => {
    const r = evaluate(
      records({ incidents: [incident({ occurredAt: at('2026-01-05T00:00:00+08:00') })] }),
      CAS_2019_V1,
      2025,
      at('2026-02-01T00:00:00Z'),
    );
    expect(r.asOf).toEqual(END_2025);
    expect(r.points).toBe(0);
  });

  it('refuses a T before the year has started, and accepts T exactly at its start (an empty year)', () => {
    expect(() => evaluate(records(), CAS_2019_V1, 2025, at('2024-12-31T23:59:59+08:00'))).toThrow(RangeError);
    const atStart = evaluate(
      records({ incidents: [incident({ occurredAt: at('2025-01-01T00:00:00+08:00') })] }),
      CAS_2019_V1,
      2025,
      at('2025-01-01T00:00:00+08:00'),
    );
    expect(atStart).toMatchObject({ points: 0, contributions: [] });
  });

  it('provisionally (mid-year T) excludes records after T', () => {
    const T = at('2025-06-30T12:00:00+08:00');
    const before = incident({ occurredAt: plus(T, -SECOND) });
    const atT = incident({ occurredAt: T, tier: 1 });
    const r = evaluate(records({ incidents: [before, atT] }), CAS_2019_V1, 2025, T);
    expect(r).toMatchObject({ asOf: T, points: 5, level: 'blue' });
    expect(r.contributions.map((c) => c.recordId)).toEqual([before.id]);
  });

  it('records the rule set version it used', () => {
    const edited = ratingRuleSetSchema.parse({
      ...CAS_2019_V1,
      version: 'academy-2026-v2',
      levelThresholds: { yellow: 5, orange: 6, red: 7 },
    });
    const r = evaluate(records({ incidents: [incident()] }), edited, 2025, END_2025);
    expect(r).toMatchObject({ ruleSetVersion: 'academy-2026-v2', points: 5, level: 'yellow' });
  });

  it('ignores withdrawn records of every kind', () => {
    const old = at('2024-02-01T00:00:00+08:00');
    const p = project({ withdrawn: true, requiresPermit: true, requiresFiling: true });
    const r = evaluate(
      records({
        incidents: [incident({ tier: 1, concealed: true, withdrawn: true })],
        hazards: [hazard({ severity: 'major', foundAt: old, dueAt: old, rectifiedAt: null, withdrawn: true })],
        projects: [p],
        assessments: [assessment({ projectId: project().id, status: 'withdrawn' })],
        ethicsCommittees: [committee({ establishedAt: old, registeredAt: null, withdrawn: true })],
        ethicsActivities: [activity({ registeredAt: null, withdrawn: true })],
        annualReports: [annualReport({ year: 2024, withdrawn: true })],
      }),
      CAS_2019_V1,
      2025,
      END_2025,
    );
    expect(r).toMatchObject({ points: 0, level: 'blue', floors: [], contributions: [] });
  });
});

describe('level', () => {
  it('by points: blue 0-9, yellow 10-24, orange 25-49, red ≥ 50', () => {
    const at = (points: number) => levelByPoints(points, CAS_2019_V1);
    expect([0, 9, 10, 24, 25, 49, 50, 500].map(at)).toEqual(['blue', 'blue', 'yellow', 'yellow', 'orange', 'orange', 'red', 'red']);
  });

  it('worseLevel picks the more severe', () => {
    expect(worseLevel('blue', 'yellow')).toBe('yellow');
    expect(worseLevel('red', 'orange')).toBe('red');
    expect(worseLevel('orange', 'orange')).toBe('orange');
  });

  it('reaches each threshold through evaluate: 9 blue / 10 yellow, 24 / 25, 49 / 50', () => {
    // Tier IV incidents are 5 points each and general hazards found 1 each: any total is reachable.
    const rated = (points: number) => {
      const incidents = Array.from({ length: Math.floor(points / 5) }, () => incident());
      const hazards = Array.from({ length: points % 5 }, () => hazard());
      const r = evaluate(records({ incidents, hazards }), CAS_2019_V1, 2025, END_2025);
      expect(r.points).toBe(points);
      expect(r.floors).toEqual([]);
      return r.level;
    };
    expect([9, 10, 24, 25, 49, 50].map(rated)).toEqual(['blue', 'yellow', 'yellow', 'orange', 'orange', 'red']);
  });

  it('is raised by a floor above the level by points', () => {
    const r = evaluate(records({ incidents: [incident({ tier: 3 })] }), CAS_2019_V1, 2025, END_2025);
    expect(r).toMatchObject({ points: 20, levelByPoints: 'yellow', level: 'orange' });
    const red = evaluate(records({ incidents: [incident({ tier: 2 })] }), CAS_2019_V1, 2025, END_2025);
    expect(red).toMatchObject({ points: 50, levelByPoints: 'red', level: 'red' });
    const yellow = evaluate(records({ projects: [project()] }), CAS_2019_V1, 2025, END_2025);
    expect(yellow).toMatchObject({ points: 5, levelByPoints: 'blue', level: 'yellow' });
  });

  it('keeps the level by points when it is worse than every floor', () => {
    const incidents = Array.from({ length: 3 }, () => incident({ tier: 3 }));
    expect(evaluate(records({ incidents }), CAS_2019_V1, 2025, END_2025)).toMatchObject({ points: 60, level: 'red' });
  });
});

describe('determinism', () => {
  const mixed = () => {
    const p = project({ requiresPermit: true });
    return records({
      incidents: [incident({ tier: 2, concealed: true }), incident({ occurredAt: at('2025-01-02T00:00:00+08:00') }), incident({ tier: 3 })],
      hazards: [hazard({ severity: 'major', rectifiedAt: null }), hazard({ foundAt: at('2024-06-01T00:00:00+08:00'), rectifiedAt: null })],
      projects: [p, project()],
      assessments: [assessment({ projectId: p.id, decidedAt: plus(p.startedAt!, DAY) })],
      ethicsCommittees: [committee({ establishedAt: at('2024-12-20T00:00:00+08:00'), registeredAt: null })],
      ethicsActivities: [activity({ registeredAt: null })],
    });
  };

  it('gives deep-equal output for the same inputs, whatever their order', () => {
    const input = mixed();
    const first = evaluate(input, CAS_2019_V1, 2025, END_2025);
    expect(evaluate(input, CAS_2019_V1, 2025, END_2025)).toEqual(first);
    expect(evaluate(reversed(input), CAS_2019_V1, 2025, END_2025)).toEqual(first);
    expect(JSON.stringify(evaluate(reversed(input), CAS_2019_V1, 2025, END_2025))).toBe(JSON.stringify(first));
  });

  it('orders contributions by rule, then record instant, then id', () => {
    const r = evaluate(mixed(), CAS_2019_V1, 2025, END_2025);
    expect(r.contributions.map((c) => c.rule)).toEqual([
      'incident.tier2',
      'incident.tier3',
      'incident.tier4',
      'incident.concealed',
      'hazard.major',
      'hazard.overdue.general',
      'hazard.overdue.major',
      'hazard.major_overdue_90d',
      'control.unassessed_start',
      'control.unassessed_start',
      'control.unpermitted_start',
      'ethics.late_registration',
      'ethics.late_registration',
      'ethics.late_annual_report',
    ]);
    expect(r.floors.map((f) => [f.rule, f.floor])).toEqual([
      ['incident.tier2', 'red'],
      ['incident.tier3', 'orange'],
      ['incident.concealed', 'orange'],
      ['hazard.major_overdue_90d', 'orange'],
      ['control.unassessed_start', 'yellow'],
      ['control.unassessed_start', 'yellow'],
      ['control.unpermitted_start', 'yellow'],
    ]);
  });
});
