import type { WallClock } from '@/platform/spreadsheets/read/excel-values';

/** One cell as the file holds it, before it is read for its column's type. */
export type RawCell =
  | { kind: 'text'; text: string }
  | { kind: 'number'; raw: string }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'date'; wall: WallClock }
  | { kind: 'formula' }
  | { kind: 'error'; value: string };

/** One sheet row: its 1-based number as the user sees it and its non-empty cells by 0-based column. */
export interface RawRow {
  row: number;
  cells: Map<number, RawCell>;
}

/** `0 → A`, `27 → AB`: how a user finds a column without a header. */
export function columnLetter(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** The text of a cell as a header reads it. */
export function cellText(cell: RawCell | undefined): string {
  if (!cell) return '';
  switch (cell.kind) {
    case 'text':
      return cell.text;
    case 'number':
      return cell.raw;
    case 'boolean':
      return String(cell.value);
    case 'error':
      return cell.value;
    default:
      return '';
  }
}
