import type { ColumnSpec } from '@/platform/spreadsheets/read/columns';
import { cellText, columnLetter, type RawRow } from '@/platform/spreadsheets/read/cells';
import { ImportFileError, type ImportProblem } from '@/platform/spreadsheets/read/errors';
import { mapHeader, type HeaderMap } from '@/platform/spreadsheets/read/headers';
import type { ImportLimits } from '@/platform/spreadsheets/read/limits';
import { normalizeCell } from '@/platform/spreadsheets/read/normalize-cell';

export interface TableRow {
  /** 1-based sheet row as the user sees it. */
  row: number;
  /** Every column's code, null where the cell is empty, the column absent or the cell refused. */
  values: Record<string, string | null>;
}

export interface Table {
  rows: TableRow[];
  problems: ImportProblem[];
}

/**
 * Turns raw rows into the caller's table: the first non-empty row is the header; empty rows and the
 * template's example row are skipped; every other row is returned, its refused cells as problems.
 */
export class TableBuilder {
  private header: HeaderMap | undefined;
  private present: ColumnSpec[] = [];
  private readonly rows: TableRow[] = [];
  private readonly problems: ImportProblem[] = [];
  private readonly reportedUnlabeled = new Set<number>();
  private readonly example: Record<string, string | null> = {};

  constructor(
    private readonly columns: readonly ColumnSpec[],
    private readonly limits: ImportLimits,
  ) {
    for (const column of columns) {
      const result = normalizeCell({ kind: 'text', text: column.example }, column, limits.maxCellChars);
      this.example[column.code] = 'value' in result ? result.value : null;
    }
  }

  add(raw: RawRow): void {
    if (!this.header) {
      if ([...raw.cells.values()].every((cell) => cellText(cell).trim() === '')) return;
      this.header = mapHeader(raw, this.columns);
      this.present = [...this.header.byIndex.values()];
      this.problems.push(...this.header.problems);
      return;
    }
    const values: Record<string, string | null> = {};
    for (const column of this.columns) values[column.code] = null;
    const problems: ImportProblem[] = [];
    for (const [index, column] of this.header.byIndex) {
      const result = normalizeCell(raw.cells.get(index), column, this.limits.maxCellChars);
      if ('value' in result) values[column.code] = result.value;
      else problems.push({ row: raw.row, column: column.code, key: result.problem, ...(result.params ? { params: result.params } : {}) });
    }
    for (const index of raw.cells.keys()) {
      if (!this.header.byIndex.has(index) && !this.header.unknown.has(index)) this.noteUnlabeled(index, raw.row);
    }
    if (problems.length === 0 && (this.isEmpty(values) || this.isExample(values))) return;
    if (this.rows.length >= this.limits.maxRows) throw new ImportFileError('import.tooManyRows', { max: this.limits.maxRows });
    this.rows.push({ row: raw.row, values });
    this.problems.push(...problems);
  }

  finish(): Table {
    if (!this.header) throw new ImportFileError('import.emptyFile');
    return { rows: this.rows, problems: this.problems.sort((a, b) => a.row - b.row) };
  }

  /** Data in a column with no header at all: said once, where it first appears, so it is not lost unnoticed. */
  private noteUnlabeled(index: number, row: number) {
    if (this.reportedUnlabeled.has(index)) return;
    this.reportedUnlabeled.add(index);
    const letter = columnLetter(index);
    this.problems.push({ row, column: letter, key: 'import.unlabeledColumn', params: { column: letter } });
  }

  private isEmpty(values: Record<string, string | null>): boolean {
    for (const code in values) if (values[code] !== null) return false;
    return true;
  }

  /** The template's example row, if left in: every column the file has holds exactly the example value. */
  private isExample(values: Record<string, string | null>): boolean {
    const present = this.present;
    return present.length > 0 && present.every((column) => values[column.code] === this.example[column.code]);
  }
}
