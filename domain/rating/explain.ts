import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import type { Locale } from '@/domain/i18n/locales';
import { translate } from '@/domain/i18n/translate';
import type { Level } from '@/domain/reference/level-codes';
import { HOUR_MS, ZONE, formatDate } from '@/domain/time/shanghai';
import type { RatingRuleSet } from '@/domain/rating/rule-set';
import type { Contribution, FigureHit, IncidentDetail } from '@/domain/rating/types';

// RATING.md §5: every contribution of a rating is shown as one readable sentence in the reader's language,
// built from its rule and the detail the evaluator recorded. Pure: the same contribution, locale and rule
// set give the same sentence, and every date is a local date in Asia/Shanghai.

export interface ExplainOptions {
  locale: Locale;
  /** The rule set the rating was computed with (the long-overdue floor quotes its number of days). */
  ruleSet: RatingRuleSet;
  /** The rating's evaluation instant T: a hazard rectified at or after T was still open when it was rated. */
  asOf: Date;
}

/** What a stored contribution keeps (rating_contributions): enough for a sentence without the detail. */
export interface StoredContributionLike {
  rule: string;
  recordKind: string;
  recordExternalId: string | null;
  points: number;
  floor: Level | null;
}

const fmt = (at: Date, pattern: string) => format(new TZDate(at.getTime(), ZONE), pattern);

/** A local date and time, with seconds only when they matter (a report 1 s after a deadline). */
export function localDateTime(at: Date): string {
  return fmt(at, at.getTime() % 60_000 === 0 ? 'yyyy-MM-dd HH:mm' : 'yyyy-MM-dd HH:mm:ss');
}

const number = (n: number) => n.toLocaleString('en-US');

/** "+20, floor orange", "+1", or "floor orange" for a zero-point floor line. */
export function effectText(points: number, floor: Level | null, locale: Locale): string {
  const level = floor ? translate(locale, `explain.level.${floor}`) : '';
  if (floor && points === 0) return translate(locale, 'explain.effectFloor', { floor: level });
  if (floor) return translate(locale, 'explain.effectPointsFloor', { points: number(points), floor: level });
  return translate(locale, 'explain.effectPoints', { points: number(points) });
}

function figuresText(hits: readonly FigureHit[], locale: Locale): string {
  return hits
    .map((h) => translate(locale, `explain.figure.${h.figure}`, { value: number(h.value), threshold: number(h.threshold) }))
    .join(translate(locale, 'explain.listSeparator'));
}

function incidentHead(ref: string, d: IncidentDetail, locale: Locale): string {
  const tier = translate(locale, `explain.tier.${d.effectiveTier}`);
  const date = formatDate(d.occurredAt);
  if (d.raisedBy.length === 0) return translate(locale, 'explain.incidentHead', { ref, tier, date });
  return translate(locale, 'explain.incidentHeadRaised', {
    ref,
    tier,
    date,
    setTier: translate(locale, `explain.tier.${d.setTier}`),
    figures: figuresText(d.raisedBy, locale),
  });
}

/** The sentence for one contribution of a rating. */
export function explainContribution(c: Contribution, opts: ExplainOptions): string {
  const { locale } = opts;
  const ref = c.externalId;
  const effect = effectText(c.points, c.floor, locale);
  const t = (key: string, params: Record<string, string | number> = {}) => translate(locale, `explain.${key}`, { ref, effect, ...params });
  switch (c.rule) {
    case 'incident.tier1':
    case 'incident.tier2':
    case 'incident.tier3':
    case 'incident.tier4':
      // History without a report time scores no lateness (decision 033); no late line appears, so the tier's says why.
      return t(c.detail.reportTimeUnknown ? 'incidentTierUnknownReport' : 'incidentTier', { head: incidentHead(ref, c.detail, locale) });
    case 'incident.late': {
      const d = c.detail;
      return t('incidentLate', {
        head: incidentHead(ref, d, locale),
        discovered: localDateTime(d.discoveredAt),
        reported: localDateTime(d.reportedAt),
        hours: number(Math.round((d.deadline.getTime() - d.discoveredAt.getTime()) / HOUR_MS)),
      });
    }
    case 'incident.concealed':
      return t('incidentConcealed', { head: incidentHead(ref, c.detail, locale) });
    case 'hazard.general':
    case 'hazard.major':
      return t('hazardFound', { severity: t(`severity.${c.detail.severity}`), date: formatDate(c.detail.foundAt) });
    case 'hazard.overdue.general':
    case 'hazard.overdue.major': {
      const d = c.detail;
      const days = d.overdueDays ?? 0;
      const rectifiedBeforeT = d.rectifiedAt !== null && d.rectifiedAt.getTime() < opts.asOf.getTime();
      return t(rectifiedBeforeT ? 'hazardOverdueRectified' : 'hazardOverdueOpen', {
        severity: t(`severity.${d.severity}`),
        overdue: days === 0 ? t('lessThanADay') : days === 1 ? t('oneDay') : t('days', { days: number(days) }),
        due: formatDate(d.dueAt),
        rectified: d.rectifiedAt ? formatDate(d.rectifiedAt) : '',
      });
    }
    case 'hazard.major_overdue_90d':
      return t('hazardLongOverdue', {
        limit: number(opts.ruleSet.hazards.majorOverdueFloorDays),
        due: formatDate(c.detail.dueAt),
        days: number(c.detail.overdueDays ?? 0),
      });
    case 'control.unassessed_start': {
      const d = c.detail;
      const note = d.approvedAt ? t('approvedLate', { at: formatDate(d.approvedAt) }) : '';
      return t('unassessedStart', { date: formatDate(d.startedAt), note });
    }
    case 'control.unpermitted_start': {
      const d = c.detail;
      const note = d.permitAt ? t('permitLate', { at: formatDate(d.permitAt) }) : '';
      return t('unpermittedStart', { date: formatDate(d.startedAt), note });
    }
    case 'control.unfiled_start': {
      const d = c.detail;
      const note = d.filedAt ? t('filedLate', { at: formatDate(d.filedAt) }) : '';
      return t('unfiledStart', { date: formatDate(d.startedAt), note });
    }
    case 'ethics.late_registration': {
      const d = c.detail;
      const registered = d.registeredAt ? t('registeredAt', { at: localDateTime(d.registeredAt) }) : t('notRegistered');
      return t(c.kind === 'ethics-committees' ? 'committeeLateRegistration' : 'activityLateRegistration', {
        since: formatDate(d.since),
        deadline: localDateTime(d.deadline),
        registered,
      });
    }
    case 'ethics.late_annual_report': {
      const d = c.detail;
      const submitted = d.submittedAt ? t('submittedAt', { at: formatDate(d.submittedAt) }) : t('notSubmitted');
      return t('lateAnnualReport', { year: d.reportYear, due: formatDate(d.dueAt), submitted });
    }
  }
}

/**
 * The sentence for a stored contribution whose record no longer gives the same contribution (a published
 * rating after its record was edited): the rule in words and the frozen points, without the detail.
 */
export function explainStoredContribution(c: StoredContributionLike, locale: Locale): string {
  return translate(locale, 'explain.stored', {
    kind: translate(locale, `explain.kind.${c.recordKind}`),
    ref: c.recordExternalId ?? '—',
    rule: ruleName(c.rule, locale),
    effect: effectText(c.points, c.floor, locale),
  });
}

/** A rule id in words ("tier III (relatively large) incident"); an unknown id is shown as it is. */
export function ruleName(rule: string, locale: Locale): string {
  const key = `ratingRules.${rule}`;
  const text = translate(locale, key);
  return text === key ? rule : text;
}

/** The page of a contribution's record, or null when it names none. */
export function recordHref(kind: string, recordId: number | null): string | null {
  return recordId === null ? null : `/records/${kind}/${recordId}`;
}

/** A stored contribution with the record it points at. */
export interface StoredContributionRef extends StoredContributionLike {
  recordId: number | null;
}

export interface ExplainedLine {
  key: string;
  text: string;
  href: string | null;
  points: number;
  floor: Level | null;
  /** False when the record no longer gives this contribution, so the sentence has no detail. */
  detailed: boolean;
}

/** The identity of a contribution: one rule applied to one record. */
export function contributionKey(c: { rule: string; kind?: string; recordKind?: string; recordId: number | null }): string {
  return `${c.rule}|${c.kind ?? c.recordKind}|${c.recordId ?? ''}`;
}

/**
 * The sentences of a stored rating. The stored contributions are the truth (a published rating is frozen);
 * their detail (dates, tiers, figures) comes from a recomputation of the same rule set at the same instant,
 * matched by rule and record. A stored line the recomputation no longer gives keeps its frozen points and
 * is said without detail.
 */
export function explainStored(
  stored: readonly StoredContributionRef[],
  recomputed: readonly Contribution[] | null,
  opts: ExplainOptions,
): ExplainedLine[] {
  const byKey = new Map((recomputed ?? []).map((c) => [contributionKey(c), c]));
  return stored.map((s, i) => {
    const key = contributionKey(s);
    const live = byKey.get(key);
    const href = recordHref(s.recordKind, s.recordId);
    if (!live)
      return {
        key: `${key}#${i}`,
        text: explainStoredContribution(s, opts.locale),
        href,
        points: s.points,
        floor: s.floor,
        detailed: false,
      };
    const text = explainContribution(
      { ...live, points: s.points, floor: s.floor, externalId: s.recordExternalId ?? live.externalId } as Contribution,
      opts,
    );
    return { key: `${key}#${i}`, text, href, points: s.points, floor: s.floor, detailed: true };
  });
}
