import { locales, type Locale } from '@/domain/i18n/locales';
import type { ImportReport } from '@/features/import/import';

/** A message already said in every language the interface speaks. */
export type Texts = Record<Locale, string>;

/** An import report as plain data: what the import pool's worker sends back to the thread that answers. */
export interface PlainImportReport extends Omit<ImportReport, 'fileError' | 'problems'> {
  fileError?: Texts;
  problems: { row: number; column: string; text: Texts }[];
}

export const textsOf = (say: (locale: Locale) => string): Texts => Object.fromEntries(locales.map((l) => [l, say(l)])) as Texts;

export function toPlainReport(report: ImportReport): PlainImportReport {
  return {
    ...report,
    fileError: report.fileError ? textsOf(report.fileError.say) : undefined,
    problems: report.problems.map((p) => ({ row: p.row, column: p.column, text: textsOf(p.say) })),
  };
}

export function fromPlainReport(plain: PlainImportReport): ImportReport {
  const { fileError, problems, ...rest } = plain;
  return {
    ...rest,
    ...(fileError ? { fileError: { say: (l: Locale) => fileError[l] } } : {}),
    problems: problems.map((p) => ({ row: p.row, column: p.column, say: (l: Locale) => p.text[l] })),
  };
}
