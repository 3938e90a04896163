import type { ColumnSpec } from '@/platform/spreadsheets/read/columns';
import { cellText, columnLetter, type RawRow } from '@/platform/spreadsheets/read/cells';
import { ImportFileError, type ImportProblem } from '@/platform/spreadsheets/read/errors';

export interface HeaderMap {
  /** 0-based column index → the spec it holds. */
  byIndex: Map<number, ColumnSpec>;
  /** Columns whose header matched nothing (reported once, on the header row); their values are ignored. */
  unknown: Set<number>;
  problems: ImportProblem[];
}

function normalizeHeader(text: string): string {
  // NFKC turns full-width brackets and spaces (typed with a Chinese input method) into ASCII ones.
  return text
    .normalize('NFKC')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\*+|\*+$/g, '')
    .trim()
    .toLowerCase();
}

/**
 * Maps each header cell to a column: the template's `标签 (code)` / `Label (code)` form by its code, otherwise
 * a bare code or a bare label in either language. A header that matches nothing is a problem on the header
 * row (its values would otherwise be lost without a word); a required column missing refuses the file.
 */
export function mapHeader(header: RawRow, columns: readonly ColumnSpec[]): HeaderMap {
  const byCode = new Map<string, ColumnSpec>();
  const byAnyName = new Map<string, ColumnSpec>();
  for (const column of columns) byCode.set(normalizeHeader(column.code), column);
  for (const column of columns) {
    for (const name of [column.code, column.labelZh, column.labelEn]) {
      const key = normalizeHeader(name);
      if (!byAnyName.has(key)) byAnyName.set(key, column);
    }
  }

  const byIndex = new Map<number, ColumnSpec>();
  const unknown = new Set<number>();
  const problems: ImportProblem[] = [];
  const seen = new Set<string>();
  const last = Math.max(-1, ...header.cells.keys());
  for (let index = 0; index <= last; index++) {
    const text = cellText(header.cells.get(index)).trim();
    if (text === '') continue;
    const normalized = normalizeHeader(text);
    const code = /\(([^()]+)\)$/.exec(normalized)?.[1]?.trim();
    const column = (code !== undefined ? byCode.get(code) : undefined) ?? byAnyName.get(normalized);
    if (!column) {
      unknown.add(index);
      problems.push({ row: header.row, column: text, key: 'import.unknownColumn', params: { column: text } });
      continue;
    }
    if (seen.has(column.code)) {
      throw new ImportFileError('import.duplicateColumn', { column: column.code, letter: columnLetter(index) });
    }
    seen.add(column.code);
    byIndex.set(index, column);
  }

  const missing = columns.filter((column) => column.required && !seen.has(column.code));
  if (missing.length > 0) {
    throw new ImportFileError('import.missingColumn', {
      column: missing.map((column) => column.code).join(', '),
      labelZh: missing.map((column) => `${column.labelZh} (${column.code})`).join('、'),
      labelEn: missing.map((column) => `${column.labelEn} (${column.code})`).join(', '),
    });
  }
  return { byIndex, unknown, problems };
}
