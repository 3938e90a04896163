import type { RecordKind } from '@/db/records/record-kinds';
import { visibleText } from '@/features/import/change-values';
import { columnLabeller } from '@/features/import/column-labels';
import { optionLabels } from '@/domain/records/enum-labels';
import { kindDefs } from '@/features/records/kinds';
import type { Locale } from '@/domain/i18n/locales';
import type { ImportChanges, ImportReport } from '@/features/import/import';

/** Records the command line lists per outcome: a terminal's worth; the preview page shows up to CHANGE_DETAIL_LIMIT. */
export const CLI_CHANGE_RECORDS = 50;

const plural = (n: number, word: string) => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

/**
 * A dry run's change list as plain text (English, as the command line speaks): each record that would be
 * updated with its row and one line per field, then the references that would be created; bounded, with
 * "… and N more".
 */
export function changeListText(report: ImportReport, kind: RecordKind, limit = CLI_CHANGE_RECORDS): string[] {
  const changes = report.changes;
  if (!changes) return [];
  if (report.created + report.updated === 0) return ['Nothing would change.'];
  const label = columnLabeller(kind, 'en');
  const out: string[] = [];
  if (report.updated > 0) {
    out.push(`Would update ${plural(report.updated, 'record')}:`);
    for (const r of changes.updated.slice(0, limit)) {
      out.push(`  row ${r.row}, ${r.externalId}`);
      for (const f of r.fields) out.push(`      ${label(f.field)}: ${visibleText(f.from, '(empty)')} → ${visibleText(f.to, '(empty)')}`);
    }
    const more = report.updated - Math.min(limit, changes.updated.length);
    if (more > 0) out.push(`  … and ${plural(more, 'more record')} would be updated.`);
  }
  if (report.created > 0) {
    const shown = changes.created.slice(0, limit).map((c) => `${c.externalId} (row ${c.row})`);
    const more = report.created - shown.length;
    out.push(
      `Would create ${plural(report.created, 'record')}: ${shown.join(', ')}${more > 0 ? `, … and ${more.toLocaleString('en-US')} more` : ''}`,
    );
  }
  return out;
}

/**
 * The change list as the preview page shows it: each field labelled in the reader's language, and a coded
 * value (status, tier, severity…) said by its label with its code, "Ⅳ级 一般 (4)", as the pages say it.
 */
export function labelledChanges(changes: ImportChanges | undefined, kind: RecordKind, locale: Locale) {
  if (!changes) return undefined;
  const label = columnLabeller(kind, locale);
  const lang = locale === 'en' ? 'en' : 'zh';
  const coded = new Map(
    kindDefs[kind].fields.flatMap((f) => {
      const labels = f.type === 'enum' && f.options ? optionLabels(f.code, f.options) : undefined;
      return labels ? [[f.code, labels] as const] : [];
    }),
  );
  const value = (field: string, v: string | null) => {
    const named = v === null ? undefined : coded.get(field)?.[v]?.[lang];
    return named ? `${named} (${v})` : v;
  };
  return {
    created: changes.created,
    updated: changes.updated.map((u) => ({
      ...u,
      fields: u.fields.map((f) => ({ ...f, label: label(f.field), from: value(f.field, f.from), to: value(f.field, f.to) })),
    })),
  };
}
