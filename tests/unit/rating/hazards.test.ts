import { describe, expect, it } from 'vitest';
import { CAS_2019_V1 } from '@/domain/rating/default-rule-set';
import { evaluate } from '@/domain/rating/evaluate';
import type { HazardRecord } from '@/domain/rating/types';
import { DAY, END_2025, SECOND, at, hazard, plus, records } from './builders';

const rate = (hazards: HazardRecord[], asOf = END_2025) => evaluate(records({ hazards }), CAS_2019_V1, 2025, asOf);
const rules = (r: ReturnType<typeof rate>) => r.contributions.map((c) => c.rule);

describe('hazard.general / hazard.major: found in Y', () => {
  it('scores 1 for a general and 4 for a major hazard found in Y', () => {
    expect(rate([hazard({ severity: 'general' })]).contributions).toEqual([expect.objectContaining({ rule: 'hazard.general', points: 1 })]);
    expect(rate([hazard({ severity: 'major' })]).contributions).toEqual([expect.objectContaining({ rule: 'hazard.major', points: 4 })]);
  });

  it('buckets by the local year: 16:00 UTC on 31 December is already next year', () => {
    const h = (foundAt: Date) => hazard({ foundAt, dueAt: plus(foundAt, DAY), rectifiedAt: foundAt });
    expect(rate([h(at('2024-12-31T16:00:00Z'))]).points).toBe(1);
    expect(rate([h(at('2024-12-31T15:59:59Z'))]).points).toBe(0);
  });
});

describe('hazard.overdue.*: overdue span [due, min(rectified, T)) overlaps [start of Y, T)', () => {
  const dueAt = at('2025-06-30T18:00:00+08:00');
  const foundAt = at('2025-06-01T09:00:00+08:00');

  it('is not overdue when rectified exactly at the due instant', () => {
    expect(rules(rate([hazard({ foundAt, dueAt, rectifiedAt: dueAt })]))).toEqual(['hazard.general']);
  });

  it('is overdue when rectified one second after the due instant', () => {
    const r = rate([hazard({ foundAt, dueAt, rectifiedAt: plus(dueAt, SECOND) })]);
    expect(rules(r)).toEqual(['hazard.general', 'hazard.overdue.general']);
    expect(r.contributions[1]).toMatchObject({ points: 2, floor: null, detail: { overdueDays: 0 } });
  });

  it('scores 6 for an overdue major hazard and counts the days to T when still open', () => {
    const r = rate([hazard({ severity: 'major', foundAt, dueAt, rectifiedAt: null })], plus(dueAt, 10 * DAY + SECOND));
    expect(rules(r)).toEqual(['hazard.major', 'hazard.overdue.major']);
    expect(r.contributions[1]).toMatchObject({ points: 6, detail: { overdueDays: 10 } });
  });

  it('counts a hazard open across years: overdue in Y, found only in Y − 1', () => {
    const old = hazard({ foundAt: at('2024-10-01T09:00:00+08:00'), dueAt: at('2024-11-01T00:00:00+08:00'), rectifiedAt: null });
    expect(rules(rate([old]))).toEqual(['hazard.overdue.general']);
    const in2024 = evaluate(records({ hazards: [old] }), CAS_2019_V1, 2024, at('2025-01-01T00:00:00+08:00'));
    expect(in2024.contributions.map((c) => c.rule)).toEqual(['hazard.general', 'hazard.overdue.general']);
  });

  it('does not count a hazard of Y − 1 whose overdue span ended exactly at the start of Y', () => {
    const old = hazard({
      foundAt: at('2024-10-01T09:00:00+08:00'),
      dueAt: at('2024-11-01T00:00:00+08:00'),
      rectifiedAt: at('2025-01-01T00:00:00+08:00'),
    });
    expect(rate([old]).contributions).toEqual([]);
    expect(rate([{ ...old, rectifiedAt: at('2025-01-01T00:00:01+08:00') }]).contributions.map((c) => c.rule)).toEqual([
      'hazard.overdue.general',
    ]);
  });

  it('is not overdue in a provisional rating before its due date', () => {
    expect(rules(rate([hazard({ foundAt, dueAt, rectifiedAt: null })], dueAt))).toEqual(['hazard.general']);
    expect(rules(rate([hazard({ foundAt, dueAt, rectifiedAt: null })], plus(dueAt, SECOND)))).toEqual([
      'hazard.general',
      'hazard.overdue.general',
    ]);
  });
});

describe('hazard.major_overdue_90d: a major hazard not rectified at T, due more than 90 days before T', () => {
  const dueAt = at('2025-03-01T00:00:00+08:00');
  const foundAt = at('2025-02-01T00:00:00+08:00');
  const open = (overrides: Partial<HazardRecord> = {}) => hazard({ severity: 'major', foundAt, dueAt, rectifiedAt: null, ...overrides });

  it('sets no floor at exactly 90 days overdue', () => {
    const r = rate([open()], plus(dueAt, 90 * DAY));
    expect(r.floors).toEqual([]);
    expect(r.points).toBe(10);
    expect(r.level).toBe('yellow');
  });

  it('sets an orange floor at 90 days and one second, as a zero-point line of its own', () => {
    const h = open();
    const r = rate([h], plus(dueAt, 90 * DAY + SECOND));
    expect(r.points).toBe(10);
    expect(r.contributions.at(-1)).toMatchObject({ rule: 'hazard.major_overdue_90d', points: 0, floor: 'orange', recordId: h.id });
    expect(r.floors).toEqual([
      { floor: 'orange', rule: 'hazard.major_overdue_90d', kind: 'hazards', recordId: h.id, externalId: h.externalId },
    ]);
    expect(r.level).toBe('orange');
  });

  it('treats a rectification exactly at T as not rectified at T, and one before T as rectified', () => {
    const T = plus(dueAt, 100 * DAY);
    expect(rate([open({ rectifiedAt: T })], T).floors.map((f) => f.floor)).toEqual(['orange']);
    expect(rate([open({ rectifiedAt: plus(T, -SECOND) })], T).floors).toEqual([]);
  });

  it('does not apply to general hazards', () => {
    expect(rate([open({ severity: 'general' })]).floors).toEqual([]);
  });

  it('applies to a major hazard of an earlier year still open', () => {
    const old = open({ foundAt: at('2023-01-01T00:00:00+08:00'), dueAt: at('2023-02-01T00:00:00+08:00') });
    expect(rate([old]).floors.map((f) => f.rule)).toEqual(['hazard.major_overdue_90d']);
  });
});

it('ignores a hazard found after a provisional T and a withdrawn hazard', () => {
  const T = at('2025-05-01T00:00:00+08:00');
  expect(rate([hazard({ foundAt: T })], T).contributions).toEqual([]);
  expect(rate([hazard({ foundAt: plus(T, -SECOND) })], T).contributions.map((c) => c.rule)).toEqual(['hazard.general']);
  const withdrawn = hazard({ severity: 'major', foundAt: at('2024-01-01T00:00:00+08:00'), rectifiedAt: null, withdrawn: true });
  expect(rate([withdrawn])).toMatchObject({ points: 0, contributions: [], floors: [], level: 'blue' });
});
