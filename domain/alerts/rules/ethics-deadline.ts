import { DAY_MS, shanghaiDate, shanghaiYear, yearStart } from '@/domain/time/shanghai';
import { say, day, unitName } from '@/domain/alerts/say';
import type { AlertFacts, AlertRules, CandidateAlert } from '@/domain/alerts/types';

type Stage = 'soon' | 'overdue';

/** Due within `days` (soon) or past due (overdue) at `asOf`; null before that window. */
function stageAt(due: Date, asOf: Date, days: number): Stage | null {
  const t = asOf.getTime();
  if (t >= due.getTime()) return 'overdue';
  if (t >= due.getTime() - days * DAY_MS) return 'soon';
  return null;
}

const done = (at: Date | null, asOf: Date) => at !== null && at.getTime() <= asOf.getTime();

/**
 * ethics.deadline: a committee registration (set-up + N days), a list-managed activity's registration
 * (ethics approval + N days) or a committee's annual report for last year (before the rating rule set's
 * date) that is due within `days` (soon) or overdue, and not done by the as-of instant. The deadlines are
 * the rating rule set's, so the alert warns of exactly what the rating will count. Period: the due instant
 * and the stage, so a deadline fires at most twice: once due soon, once overdue.
 */
export function ethicsDeadline(facts: AlertFacts, rules: AlertRules, asOf: Date): CandidateAlert[] {
  const rule = rules.alerts['ethics.deadline'];
  if (!rule.enabled) return [];
  const { ethics } = rules.rating;
  const out: CandidateAlert[] = [];
  const alert = (
    subjectKind: CandidateAlert['subjectKind'],
    subjectKey: string,
    unitId: number,
    due: Date,
    stage: Stage,
    what: string,
    params: Record<string, string | number>,
    links: CandidateAlert['details']['links'],
  ): CandidateAlert => ({
    rule: 'ethics.deadline',
    subjectKind,
    subjectKey,
    period: `${due.toISOString()}:${stage}`,
    colour: stage === 'soon' ? rule.soon : rule.overdue,
    unitId,
    domain: null,
    ...say(`${what}${stage === 'soon' ? 'Soon' : 'Overdue'}`, { unit: unitName(facts, unitId), due: day(due), ...params }),
    details: { links, stage, dueAt: due.toISOString() },
  });

  // Registrations: a committee's (set-up + N days) and a list-managed activity's (approval + N days).
  const registrations = [
    ...facts.committees
      .filter((c) => !c.withdrawn && !done(c.registeredAt, asOf) && !done(c.dissolvedAt, asOf))
      .map((c) => ({ r: c, kind: 'committee', from: c.establishedAt, days: ethics.committeeRegistrationDays }) as const),
    ...facts.activities
      .filter((a) => !a.withdrawn && !done(a.registeredAt, asOf))
      .map((a) => ({ r: a, kind: 'activity', from: a.approvedAt, days: ethics.activityRegistrationDays }) as const),
  ];
  for (const { r, kind, from, days } of registrations) {
    const due = new Date(from.getTime() + days * DAY_MS);
    const stage = stageAt(due, asOf, rule.days);
    if (!stage) continue;
    out.push(
      alert(`ethics-${kind}`, String(r.id), r.unitId, due, stage, kind, { ref: r.externalId }, [
        {
          kind: 'record',
          recordKind: kind === 'committee' ? 'ethics-committees' : 'ethics-activities',
          id: r.id,
          externalId: r.externalId,
        },
      ]),
    );
  }

  // Last year's annual report, owed by every institute that had a committee during last year.
  const year = shanghaiYear(asOf);
  const reportYear = year - 1;
  const due = shanghaiDate(year, ethics.annualReportDue.month, ethics.annualReportDue.day);
  const stage = stageAt(due, asOf, rule.days);
  if (stage) {
    const owing = new Map<number, { id: number; externalId: string }>();
    for (const c of facts.committees) {
      if (c.withdrawn || c.establishedAt.getTime() >= yearStart(year).getTime()) continue;
      if (c.dissolvedAt && c.dissolvedAt.getTime() <= yearStart(reportYear).getTime()) continue;
      if (!owing.has(c.instituteId)) owing.set(c.instituteId, { id: c.id, externalId: c.externalId });
    }
    for (const r of facts.annualReports) {
      if (!r.withdrawn && r.year === reportYear && done(r.submittedAt, asOf)) owing.delete(r.instituteId);
    }
    for (const [instituteId, committee] of [...owing].sort(([a], [b]) => a - b)) {
      out.push(
        alert('annual-report', `${instituteId}:${reportYear}`, instituteId, due, stage, 'annualReport', { year: reportYear }, [
          { kind: 'record', recordKind: 'ethics-committees', id: committee.id, externalId: committee.externalId },
        ]),
      );
    }
  }
  return out;
}
