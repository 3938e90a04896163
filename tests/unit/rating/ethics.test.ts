import { describe, expect, it } from 'vitest';
import { CAS_2019_V1 } from '@/domain/rating/default-rule-set';
import { evaluate } from '@/domain/rating/evaluate';
import type { RatingRecords } from '@/domain/rating/types';
import { DAY, END_2025, SECOND, activity, annualReport, at, committee, plus, records } from './builders';

const rate = (parts: Partial<RatingRecords>, asOf = END_2025) => evaluate(records(parts), CAS_2019_V1, 2025, asOf);
const rules = (r: ReturnType<typeof rate>) => r.contributions.map((c) => c.rule);

describe('ethics.late_registration', () => {
  const setUp = at('2025-03-01T10:00:00+08:00');
  const deadline = plus(setUp, 30 * DAY);

  it('committee: registered exactly at set-up + 30 × 24 h is on time, one second later is late', () => {
    expect(rate({ ethicsCommittees: [committee({ establishedAt: setUp, registeredAt: deadline })] }).contributions).toEqual([]);
    const c = committee({ establishedAt: setUp, registeredAt: plus(deadline, SECOND) });
    expect(rate({ ethicsCommittees: [c] }).contributions).toEqual([
      {
        rule: 'ethics.late_registration',
        kind: 'ethics-committees',
        recordId: c.id,
        externalId: c.externalId,
        points: 2,
        floor: null,
        detail: { since: setUp, deadline, registeredAt: plus(deadline, SECOND) },
      },
    ]);
  });

  it('activity: registered exactly at approval + 30 days is on time, one second later or never is late', () => {
    expect(rate({ ethicsActivities: [activity({ approvedAt: setUp, registeredAt: deadline })] }).contributions).toEqual([]);
    const late = rate({ ethicsActivities: [activity({ approvedAt: setUp, registeredAt: plus(deadline, SECOND) })] });
    expect(late.contributions.map((c) => [c.kind, c.points])).toEqual([['ethics-activities', 2]]);
    expect(rules(rate({ ethicsActivities: [activity({ approvedAt: setUp, registeredAt: null })] }))).toEqual(['ethics.late_registration']);
  });

  it('counts in the year of the deadline: a deadline just before the start of Y is not counted in Y', () => {
    const start = at('2025-01-01T00:00:00+08:00');
    // T before 1 April, so these committees of Y − 1 owe no annual report yet.
    const T = at('2025-03-01T00:00:00+08:00');
    const before = committee({ establishedAt: plus(start, -30 * DAY - SECOND), registeredAt: null });
    expect(rate({ ethicsCommittees: [before] }, T).contributions).toEqual([]);
    const atStart = committee({ establishedAt: plus(start, -30 * DAY), registeredAt: null });
    expect(rules(rate({ ethicsCommittees: [atStart] }, T))).toEqual(['ethics.late_registration']);
  });

  it('does not count a deadline at or after a provisional T', () => {
    const unregistered = committee({ establishedAt: setUp, registeredAt: null });
    expect(rate({ ethicsCommittees: [unregistered] }, deadline).contributions).toEqual([]);
    expect(rules(rate({ ethicsCommittees: [unregistered] }, plus(deadline, SECOND)))).toEqual(['ethics.late_registration']);
  });

  it('does not count withdrawn committees or activities', () => {
    const r = rate({
      ethicsCommittees: [committee({ establishedAt: setUp, registeredAt: null, withdrawn: true })],
      ethicsActivities: [activity({ approvedAt: setUp, registeredAt: null, withdrawn: true })],
    });
    expect(r.contributions).toEqual([]);
  });
});

describe('ethics.late_annual_report', () => {
  const due = at('2025-04-01T00:00:00+08:00');
  // A committee of 2024, registered in time, so only the annual report can contribute.
  const old = () => committee({ establishedAt: at('2024-02-01T00:00:00+08:00') });

  it('is counted only when T is after 1 April 00:00 local of Y', () => {
    const c = old();
    expect(rate({ ethicsCommittees: [c] }, due).contributions).toEqual([]);
    expect(rate({ ethicsCommittees: [c] }, plus(due, SECOND)).contributions).toEqual([
      {
        rule: 'ethics.late_annual_report',
        kind: 'ethics-committees',
        recordId: c.id,
        externalId: c.externalId,
        points: 2,
        floor: null,
        detail: { reportYear: 2024, dueAt: due, submittedAt: null },
      },
    ]);
    expect(due.toISOString()).toBe('2025-03-31T16:00:00.000Z');
  });

  it('accepts a report submitted at 31 March 23:59:59 local, not one at 1 April 00:00', () => {
    const onTime = annualReport({ year: 2024, submittedAt: at('2025-03-31T23:59:59+08:00') });
    expect(rate({ ethicsCommittees: [old()], annualReports: [onTime] }).contributions).toEqual([]);
    const late = annualReport({ year: 2024, submittedAt: at('2025-03-31T16:00:00Z') });
    expect(rate({ ethicsCommittees: [old()], annualReports: [late] }).contributions.map((c) => c.detail)).toEqual([
      { reportYear: 2024, dueAt: due, submittedAt: late.submittedAt },
    ]);
  });

  it('wants the report for Y − 1 and ignores withdrawn reports', () => {
    const wrongYear = annualReport({ year: 2023, submittedAt: at('2025-03-01T00:00:00+08:00') });
    expect(rules(rate({ ethicsCommittees: [old()], annualReports: [wrongYear] }))).toEqual(['ethics.late_annual_report']);
    const withdrawn = annualReport({ year: 2024, withdrawn: true });
    expect(rules(rate({ ethicsCommittees: [old()], annualReports: [withdrawn] }))).toEqual(['ethics.late_annual_report']);
  });

  it('applies only to a unit that had a (non-withdrawn) committee during Y − 1', () => {
    const setUpInY = committee({ establishedAt: at('2025-01-01T00:00:00+08:00') });
    expect(rate({ ethicsCommittees: [setUpInY] }).contributions).toEqual([]);
    const lastSecondOfPrevious = committee({
      establishedAt: at('2024-12-31T23:59:59+08:00'),
      registeredAt: at('2025-01-05T00:00:00+08:00'),
    });
    expect(rules(rate({ ethicsCommittees: [lastSecondOfPrevious] }))).toEqual(['ethics.late_annual_report']);
    const dissolvedBefore = committee({ establishedAt: at('2022-01-01T00:00:00+08:00'), dissolvedAt: at('2024-01-01T00:00:00+08:00') });
    expect(rate({ ethicsCommittees: [dissolvedBefore] }).contributions).toEqual([]);
    const dissolvedDuring = committee({ establishedAt: at('2022-01-01T00:00:00+08:00'), dissolvedAt: at('2024-01-01T00:00:01+08:00') });
    expect(rules(rate({ ethicsCommittees: [dissolvedDuring] }))).toEqual(['ethics.late_annual_report']);
    expect(rate({ ethicsCommittees: [{ ...old(), withdrawn: true }] }).contributions).toEqual([]);
  });

  it('is counted once, attributed to the earliest committee', () => {
    const later = committee({ establishedAt: at('2024-06-01T00:00:00+08:00') });
    const earliest = committee({ establishedAt: at('2023-06-01T00:00:00+08:00') });
    const r = rate({ ethicsCommittees: [later, earliest] });
    expect(r.contributions.map((c) => [c.rule, c.recordId])).toEqual([['ethics.late_annual_report', earliest.id]]);
    expect(r.points).toBe(2);
  });
});
