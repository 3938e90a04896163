import type { Locale } from '@/domain/i18n/locales';
import { translate } from '@/domain/i18n/translate';
import { reportDeadline, reportedLate } from '@/domain/rating/incident-rules';
import type { RatingRuleSet } from '@/domain/rating/rule-set';
import type { Tier } from '@/domain/rating/types';
import { formatDateTime } from '@/domain/time/shanghai';

// A backfill made visible before it is stored (issue 14 item 4, decision 033). An incident sent without
// `reportedAt` is taken as reported when received (shared/API.md); for history that time lies years after
// the deadline, so each such incident would earn `incident.late`. The answer says so per item, and points
// at `reportTimeUnknown`, instead of letting the rating find it later. The late rule itself is the
// rating's (domain/rating/incident-rules.ts); this only asks it about the defaulted time.

/** One new incident that will count as late only because its report time defaulted to the time received. */
export interface LateByDefault {
  /** The item's position in the submission. */
  index: number;
  /** The time received, which became its report time. */
  received: Date;
  /** When it was due: discovery + the effective tier's hours. */
  deadline: Date;
  /** What the late report adds to its institute's rating. */
  points: number;
}

interface IncidentInput {
  tier: number;
  occurredAt: Date;
  discoveredAt?: Date | null;
  reportedAt?: Date | null;
  reportTimeUnknown?: boolean | null;
  deaths?: number | null;
  seriousInjuries?: number | null;
  directLossCny?: number | null;
}

/**
 * The new incidents (`created`) of a submission that send neither a report time nor `reportTimeUnknown`
 * and would be late at `received`. Records already stored keep their report time, so they are not listed.
 */
export function lateByDefault(
  items: readonly { index: number; input: unknown; created: boolean }[],
  ruleSet: RatingRuleSet,
  received: Date,
): LateByDefault[] {
  const out: LateByDefault[] = [];
  for (const item of items) {
    const input = item.input as IncidentInput;
    if (!item.created || input.reportedAt || input.reportTimeUnknown) continue;
    const incident = {
      tier: input.tier as Tier,
      deaths: input.deaths ?? 0,
      seriousInjuries: input.seriousInjuries ?? 0,
      directLossCny: input.directLossCny ?? 0,
      discoveredAt: input.discoveredAt ?? input.occurredAt,
      reportedAt: received,
    };
    if (!reportedLate(incident, ruleSet)) continue;
    out.push({
      index: item.index,
      received,
      deadline: new Date(reportDeadline(incident, ruleSet).deadline),
      points: ruleSet.incidents.latePoints,
    });
  }
  return out;
}

/** The API's warning for one such item (`warnings` beside the write counts), in the caller's language. */
export function lateByDefaultWarning(w: LateByDefault, locale: Locale) {
  return {
    index: w.index,
    field: 'reportedAt',
    code: 'late_by_default',
    message: translate(locale, 'lateByDefault.api', {
      received: formatDateTime(w.received),
      deadline: formatDateTime(w.deadline),
      points: w.points,
    }),
  };
}

/** The import preview's and the command line's sentence: how many, why, and what to do instead. */
export function lateByDefaultSummary(rows: readonly number[], points: number, locale: Locale): string {
  const shown = rows.slice(0, 20).join(translate(locale, 'lateByDefault.rowSeparator'));
  return translate(locale, 'lateByDefault.import', {
    n: rows.length,
    points,
    rows: rows.length > 20 ? translate(locale, 'lateByDefault.rowsMore', { rows: shown, more: rows.length - 20 }) : shown,
  });
}
