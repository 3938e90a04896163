import type { RawCell } from '@/platform/spreadsheets/read/cells';
import { parseTextDate, serialToWallClock, type WallClock } from '@/platform/spreadsheets/read/excel-values';
import type { SheetContext } from '@/platform/spreadsheets/read/xlsx-parts';
import { decodeOoxmlEscapes } from '@/platform/spreadsheets/read/xml';

/** What a `<c>` element says about its value: its type (`t`), its style (`s`), whether it has a formula, and its text. */
export interface CellParts {
  type: string;
  style: number;
  formula: boolean;
  value: string;
}

/** How many distinct date serials one sheet remembers. */
const WALL_CACHE_SIZE = 50_000;

/** Dates repeat across rows; converting each serial once keeps 100,000-row sheets fast. */
export class WallClockCache {
  private readonly walls = new Map<string, WallClock | null>();

  constructor(private readonly date1904: boolean) {}

  wall(serial: string): WallClock | null {
    let wall = this.walls.get(serial);
    if (wall === undefined) {
      wall = serialToWallClock(Number(serial), this.date1904);
      if (this.walls.size < WALL_CACHE_SIZE) this.walls.set(serial, wall);
    }
    return wall;
  }
}

/** A finished cell as the reader sees it, without evaluating anything (a formula stays a formula). Undefined: empty. */
export function rawCell(cell: CellParts, context: SheetContext, walls: WallClockCache): RawCell | undefined {
  const { type, value } = cell;
  if (cell.formula) return { kind: 'formula' };
  switch (type) {
    case 's':
      if (value === '') return undefined;
      return { kind: 'text', text: context.sharedStrings.get(Number(value)) ?? '' };
    case 'inlineStr':
    case 'str':
      return { kind: 'text', text: decodeOoxmlEscapes(value) };
    case 'b':
      return value === '' ? undefined : { kind: 'boolean', value: value === '1' || value === 'true' };
    case 'e':
      return { kind: 'error', value };
    case 'd': {
      const wall = parseTextDate(value);
      return wall ? { kind: 'date', wall } : { kind: 'text', text: value };
    }
    default:
      return numericCell(cell, context, walls);
  }
}

/** A number, or a date when the cell's style formats it as one. */
function numericCell({ style, value }: CellParts, context: SheetContext, walls: WallClockCache): RawCell | undefined {
  if (value.trim() === '') return undefined;
  if (context.dateStyles[style]) {
    const wall = walls.wall(value);
    if (wall) return { kind: 'date', wall };
  }
  return { kind: 'number', raw: value };
}
