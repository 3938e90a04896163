import { describe, expect, it } from 'vitest';
import { CAS_2019_V1 } from '@/domain/rating/default-rule-set';
import { daysOverdue } from '@/features/dashboards/domain-view';
import { ethicsDuties } from '@/features/dashboards/unit-view';
import { DAY_MS, HOUR_MS, shanghaiDate } from '@/domain/time/shanghai';

const now = shanghaiDate(2026, 11, 23, 10);
const committee = (id: number, establishedAt: Date, registeredAt: Date | null = null, dissolvedAt: Date | null = null) => ({
  id,
  externalId: `ETC-${id}`,
  name: null,
  establishedAt,
  registeredAt,
  dissolvedAt,
});

describe('days to due or overdue', () => {
  it('counts a started day as overdue and whole days left before', () => {
    expect(daysOverdue(new Date(now.getTime() - HOUR_MS), now)).toBe(1);
    expect(daysOverdue(new Date(now.getTime() - 3 * DAY_MS), now)).toBe(3);
    expect(daysOverdue(new Date(now.getTime() + HOUR_MS), now)).toBe(0);
    expect(daysOverdue(new Date(now.getTime() + 3 * DAY_MS + HOUR_MS), now)).toBe(-3);
  });
});

describe('ethics duties', () => {
  it('judges registrations against set-up + 30 days: at the deadline is in time, a second later is late', () => {
    const set = shanghaiDate(2026, 1, 1);
    const deadline = new Date(set.getTime() + 30 * DAY_MS);
    const duties = ethicsDuties(
      {
        committees: [committee(1, set, deadline), committee(2, set, new Date(deadline.getTime() + 1000))],
        activities: [],
        reports: [],
      },
      CAS_2019_V1,
      now,
      false,
    );
    expect(duties.map((d) => [d.reference, d.state])).toEqual([
      ['ETC-2', 'late'],
      ['ETC-1', 'done'],
    ]);
  });

  it('flags what falls due within 7 days, and lists overdue first', () => {
    const activity = (id: number, approvedAt: Date) => ({
      id,
      externalId: `ETA-${id}`,
      title: null,
      approvedAt,
      registeredAt: null,
      reReviewedAt: null,
    });
    const duties = ethicsDuties(
      {
        committees: [],
        activities: [
          activity(1, new Date(now.getTime() - 25 * DAY_MS)), // due in 5 days
          activity(2, new Date(now.getTime() - 10 * DAY_MS)), // due in 20 days
          activity(3, new Date(now.getTime() - 40 * DAY_MS)), // 10 days overdue
        ],
        reports: [],
      },
      CAS_2019_V1,
      now,
      false,
    );
    const registrations = duties.filter((d) => d.kind === 'activityRegistration');
    expect(registrations.map((d) => [d.reference, d.state, d.days])).toEqual([
      ['ETA-3', 'overdue', 10],
      ['ETA-1', 'dueSoon', 5],
      ['ETA-2', 'due', 20],
    ]);
    expect(duties.filter((d) => d.kind === 'activityReReview').every((d) => d.state === 'pending')).toBe(true);
  });

  it('asks an institute for a year’s annual report only if it had a committee that year; at the due instant is late', () => {
    const duties = ethicsDuties(
      {
        // Existed in 2024 only (dissolved on 2025-01-01 00:00): the 2024 report is due, the 2025 one is not.
        committees: [committee(1, shanghaiDate(2023, 6, 1), shanghaiDate(2023, 6, 10), shanghaiDate(2025, 1, 1))],
        activities: [],
        reports: [{ id: 9, year: 2024, submittedAt: shanghaiDate(2025, 4, 1) }],
      },
      CAS_2019_V1,
      now,
      true,
    );
    const reports = duties.filter((d) => d.kind === 'annualReport');
    expect(reports.map((d) => [d.reference, d.state])).toEqual([['AR-2024', 'late']]);
    expect(reports[0]!.deadline).toEqual(shanghaiDate(2025, 4, 1));
    // A department page shows no report duty: reports are the institute's.
    expect(
      ethicsDuties({ committees: [committee(1, shanghaiDate(2023, 6, 1))], activities: [], reports: [] }, CAS_2019_V1, now, false).map(
        (d) => d.kind,
      ),
    ).toEqual(['committeeRegistration']);
  });
});
