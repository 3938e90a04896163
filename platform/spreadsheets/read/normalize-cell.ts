import type { ColumnSpec } from '@/platform/spreadsheets/read/columns';
import type { RawCell } from '@/platform/spreadsheets/read/cells';
import type { MessageParams } from '@/platform/spreadsheets/read/errors';
import { hasTime, parseTextDate, plainNumber, wallDate, wallDateTime, type WallClock } from '@/platform/spreadsheets/read/excel-values';

export type CellResult = { value: string | null } | { problem: string; params?: MessageParams };

const REFERENCES = new Set(['externalId', 'projectExternalId']);
const TRUE_WORDS = new Set(['true', 'yes', 'y', '1', '是']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0', '否']);

function dateValue(wall: WallClock, column: ColumnSpec): string {
  if (column.type === 'date') return wallDate(wall);
  if (column.type === 'datetime' || hasTime(wall)) return wallDateTime(wall);
  return wallDate(wall);
}

function textValue(text: string, column: ColumnSpec): string {
  switch (column.type) {
    case 'boolean': {
      const word = text.normalize('NFKC').toLowerCase();
      return TRUE_WORDS.has(word) ? 'true' : FALSE_WORDS.has(word) ? 'false' : text;
    }
    case 'date':
    case 'datetime': {
      const wall = parseTextDate(text);
      return wall ? dateValue(wall, column) : text;
    }
    case 'integer':
    case 'number':
      // "1,234,567.50" as Excel shows a number with separators; anything else is left for the caller to judge.
      return /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(text) ? text.replace(/,/g, '') : text;
    default:
      return text;
  }
}

/**
 * One cell as the caller's schema sees it: a trimmed string, or null when empty, the same whether it came
 * from XLSX or CSV. Formulas and error values are refused rather than evaluated or guessed at.
 */
export function normalizeCell(cell: RawCell | undefined, column: ColumnSpec, maxCellChars: number): CellResult {
  if (!cell) return { value: null };
  switch (cell.kind) {
    case 'formula':
      return { problem: 'import.formulaRefused' };
    case 'error':
      return { problem: 'import.cellError', params: { value: cell.value } };
    case 'boolean':
      return { value: String(cell.value) };
    case 'date':
      return { value: dateValue(cell.wall, column) };
    case 'number': {
      const plain = plainNumber(cell.raw);
      if (column.type === 'boolean' && (plain === '1' || plain === '0')) return { value: plain === '1' ? 'true' : 'false' };
      return { value: plain };
    }
    case 'text': {
      const text = cell.text.trim();
      // A reference is kept as written, as the API keeps it: surrounding spaces are refused, not trimmed away.
      if (REFERENCES.has(column.code) && text !== '' && text !== cell.text) return { problem: 'import.surroundingSpace' };
      if (text === '') return { value: null };
      if (text.length > maxCellChars) return { problem: 'import.cellTooLong', params: { max: maxCellChars } };
      // In CSV this is what a formula looks like; as text it would turn into one when the data is exported again.
      if (text.startsWith('=')) return { problem: 'import.formulaRefused' };
      return { value: textValue(text, column) };
    }
  }
}
