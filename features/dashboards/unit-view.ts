import type { Db } from '@/db/client';
import { incidentLines, openHazardLines } from '@/db/dashboards/domain-lines';
import type { HazardLine, IncidentLine, ProjectLine, RatedYear } from '@/domain/dashboards/types';
import { activeRatingRuleSet } from '@/db/rule-sets/rating-rule-sets';
import { unitProfile, type UnitProfile } from '@/db/dashboards/unit-profile';
import { ethicsRecords, projectLines, ratedYears, type EthicsRecords } from '@/db/dashboards/unit-sections';
import type { Actor, Scope } from '@/domain/auth/actor';
import type { Locale } from '@/domain/i18n/locales';
import { translate } from '@/domain/i18n/translate';
import { ruleName } from '@/domain/rating/explain';
import type { RatingRuleSet } from '@/domain/rating/rule-set';
import { DAY_MS, shanghaiDate, shanghaiYear, yearStart } from '@/domain/time/shanghai';
import { daysOverdue } from '@/features/dashboards/domain-view';
import { narrowScope } from '@/domain/auth/narrow-scope';

/** How many rows each list on a unit page shows (and exports); longer ones link to the filtered record list. */
export const UNIT_LIST_LIMIT = 20;
/** An ethics duty due within this many days is flagged (the `ethics.deadline` alert's window). */
export const DUE_SOON_DAYS = 7;

export interface UnitView {
  profile: UnitProfile;
  /** The unit's subtree, within the viewer's scope. */
  scope: Scope;
  ruleSet: RatingRuleSet;
}

/** The unit named by code as the viewer may see it, or null when it does not exist or lies outside the scope. */
export async function unitView(db: Db, actor: Actor, code: string | null): Promise<UnitView | null> {
  const profile = code ? await unitProfile(db, actor.scope, code) : null;
  if (!profile) return null;
  return { profile, scope: narrowScope(actor.scope, profile.subtree), ruleSet: await activeRatingRuleSet(db) };
}

export async function loadUnitRatings(db: Db, view: UnitView): Promise<RatedYear[]> {
  return view.profile.unit.kind === 'institute' ? ratedYears(db, view.profile.unit.id) : [];
}

export function loadUnitOpenHazards(db: Db, view: UnitView): Promise<{ rows: HazardLine[]; total: number }> {
  return openHazardLines(db, view.scope, { limit: UNIT_LIST_LIMIT });
}

export function loadUnitProjects(db: Db, view: UnitView): Promise<{ rows: ProjectLine[]; total: number }> {
  return projectLines(db, view.scope, UNIT_LIST_LIMIT);
}

export function loadUnitIncidents(db: Db, view: UnitView): Promise<{ rows: IncidentLine[]; total: number }> {
  return incidentLines(db, view.scope, { limit: UNIT_LIST_LIMIT }, view.ruleSet);
}

/** The unit's ethics duties: every one still open, and the latest done ones up to the list's length. */
export async function loadUnitEthics(db: Db, view: UnitView, now: Date): Promise<EthicsDuty[]> {
  const all = ethicsDuties(await ethicsRecords(db, view.scope), view.ruleSet, now, view.profile.unit.kind === 'institute');
  const open = all.filter((d) => d.state !== 'done' && d.state !== 'late').length;
  return all.slice(0, Math.max(open, UNIT_LIST_LIMIT));
}

/** One line of a rating's explanation: what scored, rule by rule, and the floors. */
export function ratingSummary(r: RatedYear, locale: Locale): string {
  const sep = locale === 'en' ? '; ' : '；';
  const parts = [
    ...r.reasons.map((x) => translate(locale, 'unitPage.reasonItem', { rule: ruleName(x.rule, locale), n: x.n, points: x.points })),
    ...[...new Map(r.floors.map((f) => [`${f.floor}|${f.rule}`, f])).values()].map((f) =>
      translate(locale, 'unitPage.floorItem', {
        // Mid-sentence in English: "floor orange (…)".
        level: locale === 'en' ? translate(locale, `levels.${f.floor}`).toLowerCase() : translate(locale, `levels.${f.floor}`),
        rule: ruleName(f.rule, locale),
      }),
    ),
  ];
  return parts.length ? parts.join(sep) : translate(locale, 'unitPage.noReasons');
}

export type DutyKind = 'committeeRegistration' | 'activityRegistration' | 'activityReReview' | 'annualReport';
export type DutyState = 'overdue' | 'dueSoon' | 'due' | 'late' | 'done' | 'pending';

export interface EthicsDuty {
  kind: DutyKind;
  /** The record the duty belongs to (`ethics-committees`/`ethics-activities`), null for a report not filed yet. */
  record: { kind: 'ethics-committees' | 'ethics-activities' | 'ethics-annual-reports'; id: number } | null;
  reference: string;
  label: string | null;
  deadline: Date | null;
  doneAt: Date | null;
  state: DutyState;
  /** Days overdue (state overdue) or left (due, dueSoon). */
  days: number | null;
}

const stateOrder: Record<DutyState, number> = { overdue: 0, dueSoon: 1, due: 2, pending: 3, late: 4, done: 5 };

function judge(deadline: number, doneAt: Date | null, now: Date): { state: DutyState; days: number | null } {
  if (doneAt) return { state: doneAt.getTime() > deadline ? 'late' : 'done', days: null };
  const d = daysOverdue(new Date(deadline), now);
  if (d > 0) return { state: 'overdue', days: d };
  return { state: -d <= DUE_SOON_DAYS ? 'dueSoon' : 'due', days: -d };
}

/**
 * A unit's ethics duties (DOMAIN.md §7, RATING.md §3): each committee registers within N days of set-up,
 * each list-managed activity within N days of approval and gets an expert re-review, and an institute that
 * had a committee during a year files that year's annual report before the rule set's due day of the next
 * year (the last two years are shown). Overdue first, then what falls due soonest, then what was done.
 */
export function ethicsDuties(records: EthicsRecords, ruleSet: RatingRuleSet, now: Date, isInstitute: boolean): EthicsDuty[] {
  const e = ruleSet.ethics;
  const out: EthicsDuty[] = [];
  // A duty to register within N days: registered by its deadline (done), after it (late), or still open.
  const registration = (
    kind: DutyKind,
    record: NonNullable<EthicsDuty['record']>,
    subject: { externalId: string; registeredAt: Date | null },
    label: string | null,
    deadline: number,
  ): EthicsDuty => ({
    kind,
    record,
    reference: subject.externalId,
    label,
    deadline: new Date(deadline),
    doneAt: subject.registeredAt,
    ...judge(deadline, subject.registeredAt, now),
  });
  for (const c of records.committees) {
    const deadline = c.establishedAt.getTime() + e.committeeRegistrationDays * DAY_MS;
    out.push(registration('committeeRegistration', { kind: 'ethics-committees', id: c.id }, c, c.name, deadline));
  }
  for (const a of records.activities) {
    const record = { kind: 'ethics-activities', id: a.id } as const;
    const deadline = a.approvedAt.getTime() + e.activityRegistrationDays * DAY_MS;
    out.push(registration('activityRegistration', record, a, a.title, deadline));
    out.push({
      kind: 'activityReReview',
      record,
      reference: a.externalId,
      label: a.title,
      deadline: null,
      doneAt: a.reReviewedAt,
      state: a.reReviewedAt ? 'done' : 'pending',
      days: null,
    });
  }
  if (isInstitute) {
    const current = shanghaiYear(now);
    for (const year of [current - 2, current - 1]) {
      const from = yearStart(year).getTime();
      const to = yearStart(year + 1).getTime();
      const existed = records.committees.some(
        (c) => c.establishedAt.getTime() < to && (c.dissolvedAt === null || c.dissolvedAt.getTime() > from),
      );
      if (!existed) continue;
      const due = shanghaiDate(year + 1, e.annualReportDue.month, e.annualReportDue.day).getTime();
      const report = records.reports.find((r) => r.year === year) ?? null;
      // Submitted "before" the due day's 00:00: at the instant itself is already late.
      const judged = judge(due - 1, report?.submittedAt ?? null, now);
      out.push({
        kind: 'annualReport',
        record: report ? { kind: 'ethics-annual-reports', id: report.id } : null,
        reference: `AR-${year}`,
        label: String(year),
        deadline: new Date(due),
        doneAt: report?.submittedAt ?? null,
        ...judged,
      });
    }
  }
  return out.sort(
    (a, b) =>
      stateOrder[a.state] - stateOrder[b.state] ||
      (a.state === 'done' || a.state === 'late'
        ? (b.deadline?.getTime() ?? 0) - (a.deadline?.getTime() ?? 0)
        : (a.deadline?.getTime() ?? Infinity) - (b.deadline?.getTime() ?? Infinity)) ||
      a.reference.localeCompare(b.reference),
  );
}
