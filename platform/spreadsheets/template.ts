import ExcelJS from 'exceljs';
import type { Locale } from '@/domain/i18n/locales';
import { translate } from '@/domain/i18n/translate';
import type { ColumnSpec } from '@/platform/spreadsheets/read/columns';
import { parseTextDate, wallDate } from '@/platform/spreadsheets/read/excel-values';
import { DEFAULT_LIMITS } from '@/platform/spreadsheets/read/limits';
import { escapeCell } from '@/platform/spreadsheets/escape-cell';

/** Excel refuses a literal list longer than this in a data validation; longer lists go on a hidden sheet. */
const INLINE_LIST_MAX = 255;
/**
 * Rows that get the dropdowns. Excel itself would take a whole column, but exceljs (and so any tool built on
 * it) expands a validation range into one entry per cell when it opens a file; 10,000 rows covers a filled-in
 * template and keeps that cheap. Larger files are pasted, and pasting ignores validation anyway.
 */
export const TEMPLATE_VALIDATION_ROWS = 10_000;
const HEADER_FILL = 'FFE8EEF5';
const REQUIRED_FONT = 'FF9C0006';
const EXAMPLE_FONT = 'FF7F7F7F';

export interface KindLabel {
  zh: string;
  en: string;
}

function headerText(column: ColumnSpec, locale: Locale): string {
  return `${locale === 'en' ? column.labelEn : column.labelZh} (${column.code})`;
}

/** Characters a CJK font draws twice as wide, for column widths. */
function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u2e80-\u9fff\uac00-\ud7af\uff00-\uffef]/.test(ch) ? 2 : 1;
  return width;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** The example as a user types it in a CSV or sees it in a cell: booleans in words, date-times without offset. */
function exampleText(column: ColumnSpec, locale: Locale): string {
  if (column.type === 'boolean') {
    const truthy = ['true', 'yes', '1', '是'].includes(column.example.trim().toLowerCase());
    return translate(locale, truthy ? 'import.template.yes' : 'import.template.no');
  }
  if (column.type === 'date' || column.type === 'datetime') {
    const wall = parseTextDate(column.example);
    if (!wall) return column.example;
    return column.type === 'date' ? wallDate(wall) : `${wallDate(wall)} ${pad(wall.hour)}:${pad(wall.minute)}`;
  }
  return column.example;
}

/** The example as a typed cell value: real dates and numbers, so the template shows how to enter them. */
function exampleValue(column: ColumnSpec, locale: Locale): ExcelJS.CellValue {
  if (column.type === 'date' || column.type === 'datetime') {
    const wall = parseTextDate(column.example);
    // exceljs turns a Date into Excel's serial by its UTC reading, which is the wall-clock reading here.
    if (wall) return new Date(Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second));
  }
  if ((column.type === 'integer' || column.type === 'number') && column.example.trim() !== '' && Number.isFinite(Number(column.example))) {
    return Number(column.example);
  }
  return exampleText(column, locale);
}

function numberFormat(column: ColumnSpec): string {
  switch (column.type) {
    case 'date':
      return 'yyyy-mm-dd';
    case 'datetime':
      return 'yyyy-mm-dd hh:mm';
    case 'integer':
      return '0';
    case 'number':
      return 'General';
    default:
      // Text, so Excel keeps leading zeros and long codes as typed.
      return '@';
  }
}

function csvField(raw: string): string {
  const text = escapeCell(raw);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function sheetName(text: string): string {
  return (
    text
      .replace(/[[\]:*?/\\]/g, ' ')
      .trim()
      .slice(0, 31) || 'Sheet1'
  );
}

function buildCsv(columns: ColumnSpec[], locale: Locale): Buffer {
  const lines = [columns.map((column) => headerText(column, locale)), columns.map((column) => exampleText(column, locale))];
  const text = lines.map((fields) => fields.map(csvField).join(',')).join('\r\n') + '\r\n';
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}

function listValidation(column: ColumnSpec, locale: Locale, lists: () => ExcelJS.Worksheet, listColumn: () => number): string | undefined {
  const options =
    column.type === 'boolean'
      ? [translate(locale, 'import.template.yes'), translate(locale, 'import.template.no')]
      : column.type === 'enum'
        ? [...(column.options ?? [])]
        : [];
  if (options.length === 0) return undefined;
  const inline = options.join(',');
  if (inline.length + 2 <= INLINE_LIST_MAX && !options.some((option) => /[,"]/.test(option))) return `"${inline}"`;
  const sheet = lists();
  const index = listColumn();
  // Domain and dimension codes are data: escaped like every exported cell.
  options.forEach((option, row) => (sheet.getCell(row + 1, index).value = escapeCell(option)));
  const letter = sheet.getColumn(index).letter;
  return `'${sheet.name}'!$${letter}$1:$${letter}$${options.length}`;
}

/** Each option as its code and its labels ("major = 重大 / Major"): any of them is accepted in a cell. */
function optionsText(column: ColumnSpec, locale: Locale): string {
  return (column.options ?? [])
    .map((o) => {
      const label = column.optionLabels?.[o];
      if (!label) return o;
      return locale === 'en' ? `${o} = ${label.en} / ${label.zh}` : `${o} = ${label.zh} / ${label.en}`;
    })
    .join(column.optionLabels ? '\n' : ' / ');
}

function addNotesSheet(workbook: ExcelJS.Workbook, kind: string, columns: ColumnSpec[], locale: Locale) {
  const t = (key: string, params: Record<string, string | number> = {}) => translate(locale, `import.template.${key}`, params);
  const notes = workbook.addWorksheet(t('notesSheet'));
  notes.addRow([t('notesTitle', { kind })]).font = { bold: true, size: 14 };
  for (const key of ['introHeader', 'introExample', 'introLabels', 'introDates', 'introFormulas']) notes.addRow([t(key)]);
  notes.addRow([t('introLimits', { maxRows: DEFAULT_LIMITS.maxRows, maxMb: DEFAULT_LIMITS.maxBytes / 1024 / 1024 })]);
  notes.addRow([]);
  const head = notes.addRow(['column', 'code', 'required', 'type', 'options', 'example', 'note'].map((key) => t(key)));
  head.font = { bold: true };
  head.eachCell((cell) => (cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } }));
  for (const column of columns) {
    const options = column.type === 'boolean' ? `${t('yes')} / ${t('no')}` : column.type === 'enum' ? optionsText(column, locale) : null;
    notes.addRow(
      [
        headerText(column, locale),
        column.code,
        column.required ? t('yes') : t('no'),
        t(`types.${column.type}`),
        options,
        exampleText(column, locale),
        column.note ?? null,
      ].map((v) => escapeCell(v)),
    );
  }
  [32, 20, 8, 30, 36, 24, 48].forEach((width, index) => {
    const col = notes.getColumn(index + 1);
    col.width = width;
    col.alignment = { wrapText: true, vertical: 'top' };
  });
}

async function buildXlsx(kind: KindLabel, columns: ColumnSpec[], locale: Locale): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const kindName = locale === 'en' ? kind.en : kind.zh;
  const data = workbook.addWorksheet(sheetName(kindName), { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
  let lists: ExcelJS.Worksheet | undefined;
  let listColumns = 0;
  const lastRow = TEMPLATE_VALIDATION_ROWS + 1;

  columns.forEach((column, index) => {
    const col = data.getColumn(index + 1);
    const header = headerText(column, locale);
    col.width = Math.min(50, Math.max(12, displayWidth(header), displayWidth(exampleText(column, locale))) + 2);
    col.numFmt = numberFormat(column);
  });

  const header = data.getRow(1);
  header.values = columns.map((column) => headerText(column, locale));
  columns.forEach((column, index) => {
    const cell = header.getCell(index + 1);
    cell.font = { bold: true, ...(column.required ? { color: { argb: REQUIRED_FONT } } : {}) };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
    cell.numFmt = '@';
  });

  const example = data.getRow(2);
  columns.forEach((column, index) => {
    const cell = example.getCell(index + 1);
    cell.value = exampleValue(column, locale);
    cell.numFmt = numberFormat(column);
    cell.font = { italic: true, color: { argb: EXAMPLE_FONT } };
  });
  if (columns.length > 0) example.getCell(1).note = translate(locale, 'import.template.exampleNote');

  addNotesSheet(workbook, kindName, columns, locale);

  columns.forEach((column, index) => {
    const source = listValidation(
      column,
      locale,
      () => (lists ??= workbook.addWorksheet('lists', { state: 'hidden' })),
      () => ++listColumns,
    );
    if (!source) return;
    const letter = data.getColumn(index + 1).letter;
    // One range, one <dataValidation> element: exceljs' per-cell validations would write one per cell.
    (data as unknown as { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } }).dataValidations.add(
      `${letter}2:${letter}${lastRow}`,
      {
        type: 'list',
        allowBlank: true,
        formulae: [source],
        showErrorMessage: true,
        errorStyle: 'stop',
        errorTitle: translate(locale, 'import.template.pickTitle'),
        error: translate(locale, 'import.template.pickFromList'),
      },
    );
  });

  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * The import template of one record kind: the header row the reader expects (`标签 (code)` or
 * `Label (code)`), an example row it recognises and skips, dropdowns for enum and boolean columns, date
 * formats, and a notes sheet listing every column. CSV: UTF-8 with BOM, header and example row.
 */
export async function buildTemplate(kindLabel: KindLabel, columns: ColumnSpec[], format: 'xlsx' | 'csv', locale: Locale): Promise<Buffer> {
  return format === 'csv' ? buildCsv(columns, locale) : buildXlsx(kindLabel, columns, locale);
}
