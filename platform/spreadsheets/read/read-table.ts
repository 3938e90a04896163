import type { ColumnSpec } from '@/platform/spreadsheets/read/columns';
import { readCsvRows } from '@/platform/spreadsheets/read/csv-reader';
import { ImportFileError } from '@/platform/spreadsheets/read/errors';
import { resolveLimits, type ImportLimits } from '@/platform/spreadsheets/read/limits';
import { TableBuilder, type Table } from '@/platform/spreadsheets/read/table-builder';
import type { TextBudget } from '@/platform/spreadsheets/read/text-budget';
import { readXlsxRows } from '@/platform/spreadsheets/read/xlsx-reader';

export type ImportFormat = 'xlsx' | 'csv';

/**
 * Reads an uploaded spreadsheet into trimmed strings per column code (null when empty), the same from XLSX
 * and CSV, for the caller's zod schemas. Cell-level refusals (formulas, over-long cells, unknown columns)
 * come back as problems; a file that cannot or must not be read throws an ImportFileError. `textBudget` is
 * shared by the parses running at once (the import pool's workers).
 */
export async function readTable(
  buffer: Buffer,
  format: ImportFormat,
  columns: ColumnSpec[],
  limits: Partial<ImportLimits> = {},
  textBudget?: TextBudget,
): Promise<Table> {
  const bounds = resolveLimits(limits);
  if (buffer.length > bounds.maxBytes) {
    throw new ImportFileError('import.fileTooLarge', { maxMb: Math.round((bounds.maxBytes / 1024 / 1024) * 10) / 10 });
  }
  const table = new TableBuilder(columns, bounds);
  if (format === 'xlsx') {
    for await (const batch of readXlsxRows(buffer, bounds, textBudget)) for (const row of batch) table.add(row);
  } else if (format === 'csv') {
    for (const row of readCsvRows(buffer)) table.add(row);
  } else {
    throw new ImportFileError('import.unknownFormat', { format: String(format) });
  }
  return table.finish();
}

export type { Table, TableRow } from '@/platform/spreadsheets/read/table-builder';
export type { ImportProblem } from '@/platform/spreadsheets/read/errors';
export { ImportFileError } from '@/platform/spreadsheets/read/errors';
export { DEFAULT_LIMITS, type ImportLimits } from '@/platform/spreadsheets/read/limits';
