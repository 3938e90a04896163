import type { ExportTable } from '@/platform/spreadsheets/table-xlsx';
import type { HazardLine, IncidentLine } from '@/domain/dashboards/types';
import { localName, type Locale } from '@/domain/i18n/locales';
import { translate } from '@/domain/i18n/translate';
import { formatDate, formatDateTime } from '@/domain/time/shanghai';
import { daysOverdue } from '@/features/dashboards/domain-view';

// The record lines the domain and unit pages both export (incidents, open hazards): the same columns and
// cells, so a line reads the same in either file.

/** A message of the reader's language. */
export type T = (key: string, p?: Record<string, string | number>) => string;

/** The columns and rows of an export, without its title and notes. */
export type TableBody = Omit<ExportTable, 'notes' | 'title'>;

/** "overdue 12 days" / "due today" / "due in 3 days", in the reader's language. */
export function dueText(days: number, locale: Locale): string {
  if (days > 0) return translate(locale, 'domains.overdueDays', { n: days });
  if (days === 0) return translate(locale, 'domains.dueToday');
  return translate(locale, 'domains.dueInDays', { n: -days });
}

/** Incidents with their effective tier; `unitWidth`: the unit column's width. */
export function incidentLinesTable(rows: readonly IncidentLine[], t: T, locale: Locale, unitWidth: number): TableBody {
  return {
    columns: [
      { header: t('domains.reference'), width: 18 },
      { header: t('domains.unit'), width: unitWidth },
      { header: t('domains.occurred'), width: 18 },
      { header: t('domains.tier'), width: 18 },
      { header: t('domains.status') },
      { header: t('domains.summary'), width: 40 },
    ],
    rows: rows.map((r) => [
      r.externalId,
      localName(locale, { name: r.unitName, nameEn: r.unitNameEn }),
      formatDateTime(r.occurredAt),
      t(`tiers.${r.tier}`),
      t(`status.${r.status}`),
      r.summary ?? '',
    ]),
  };
}

/** Open hazards with how overdue each is at `now`; `severity` adds their severity after the unit. */
export function hazardLinesTable(
  rows: readonly HazardLine[],
  t: T,
  locale: Locale,
  now: Date,
  opts: { unitWidth: number; severity: boolean },
): TableBody {
  return {
    columns: [
      { header: t('domains.reference'), width: 18 },
      { header: t('domains.unit'), width: opts.unitWidth },
      ...(opts.severity ? [{ header: t('unitPage.severity') }] : []),
      { header: t('domains.found') },
      { header: t('domains.due') },
      { header: t('domains.dueState'), width: 16 },
      { header: t('domains.description'), width: 40 },
    ],
    rows: rows.map((r) => [
      r.externalId,
      localName(locale, { name: r.unitName, nameEn: r.unitNameEn }),
      ...(opts.severity ? [t(`severity.${r.severity}`)] : []),
      formatDate(r.foundAt),
      formatDate(r.dueAt),
      dueText(daysOverdue(r.dueAt, now), locale),
      r.description ?? '',
    ]),
  };
}
