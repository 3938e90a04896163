import { DAY_MS } from '@/domain/time/shanghai';
import type { RatingWindow, Scores } from '@/domain/rating/rating-window';
import type { EthicsActivityRecord, EthicsAnnualReportRecord, EthicsCommitteeRecord } from '@/domain/rating/types';

/**
 * ethics.late_registration: each committee (deadline: set-up + N days) or list-managed activity (deadline:
 * approval + N days) whose deadline lies in [start of Y, T) and that was not registered by it. Counted in
 * the year of the deadline, not of the set-up, so a committee set up in late December is judged once.
 */
export function scoreEthicsRegistrations(
  committees: readonly EthicsCommitteeRecord[],
  activities: readonly EthicsActivityRecord[],
  w: RatingWindow,
  out: Scores,
): void {
  const { committeeRegistrationDays, activityRegistrationDays, lateRegistrationPoints: points } = w.ruleSet.ethics;
  const committeeSpan = committeeRegistrationDays * DAY_MS;
  for (const c of committees) {
    if (c.withdrawn) continue;
    const deadline = c.establishedAt.getTime() + committeeSpan;
    if (!missed(deadline, c.registeredAt, w)) continue;
    out.add(
      {
        rule: 'ethics.late_registration',
        kind: 'ethics-committees',
        recordId: c.id,
        externalId: c.externalId,
        points,
        floor: null,
        detail: { since: c.establishedAt, deadline: new Date(deadline), registeredAt: c.registeredAt },
      },
      deadline,
    );
  }
  const activitySpan = activityRegistrationDays * DAY_MS;
  for (const a of activities) {
    if (a.withdrawn) continue;
    const deadline = a.approvedAt.getTime() + activitySpan;
    if (!missed(deadline, a.registeredAt, w)) continue;
    out.add(
      {
        rule: 'ethics.late_registration',
        kind: 'ethics-activities',
        recordId: a.id,
        externalId: a.externalId,
        points,
        floor: null,
        detail: { since: a.approvedAt, deadline: new Date(deadline), registeredAt: a.registeredAt },
      },
      deadline,
    );
  }
}

/** Registration exactly at the deadline is in time. */
function missed(deadline: number, registeredAt: Date | null, w: RatingWindow): boolean {
  if (deadline < w.start || deadline >= w.asOf) return false;
  return registeredAt === null || registeredAt.getTime() > deadline;
}

/**
 * ethics.late_annual_report: the unit had an ethics committee during Y − 1 and submitted no report for
 * Y − 1 before the due instant of Y (default 1 April 00:00); counted only once T is after that instant.
 * It is a duty of the unit, not of a committee, so it is counted once however many committees the unit
 * had, and attributed to the earliest of them because the report itself may not exist to point at.
 */
export function scoreAnnualReport(
  committees: readonly EthicsCommitteeRecord[],
  reports: readonly EthicsAnnualReportRecord[],
  w: RatingWindow,
  out: Scores,
): void {
  if (!(w.asOf > w.annualReportDue)) return;
  let earliest: EthicsCommitteeRecord | null = null;
  for (const c of committees) {
    if (c.withdrawn) continue;
    // Existence [established, dissolved) overlaps [start of Y − 1, start of Y), half-open like every period.
    const existed = c.establishedAt.getTime() < w.start && (c.dissolvedAt === null || c.dissolvedAt.getTime() > w.previousStart);
    if (!existed) continue;
    if (
      earliest === null ||
      c.establishedAt.getTime() < earliest.establishedAt.getTime() ||
      (c.establishedAt.getTime() === earliest.establishedAt.getTime() && c.id < earliest.id)
    ) {
      earliest = c;
    }
  }
  if (earliest === null) return;

  let firstSubmission: number | null = null;
  for (const r of reports) {
    if (r.withdrawn || r.year !== w.year - 1) continue;
    const submitted = r.submittedAt.getTime();
    if (firstSubmission === null || submitted < firstSubmission) firstSubmission = submitted;
  }
  if (firstSubmission !== null && firstSubmission < w.annualReportDue) return;

  out.add(
    {
      rule: 'ethics.late_annual_report',
      kind: 'ethics-committees',
      recordId: earliest.id,
      externalId: earliest.externalId,
      points: w.ruleSet.ethics.lateAnnualReportPoints,
      floor: null,
      detail: {
        reportYear: w.year - 1,
        dueAt: new Date(w.annualReportDue),
        submittedAt: firstSubmission === null ? null : new Date(firstSubmission),
      },
    },
    w.annualReportDue,
  );
}
