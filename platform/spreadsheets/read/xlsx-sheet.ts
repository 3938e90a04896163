import type { RawCell, RawRow } from '@/platform/spreadsheets/read/cells';
import type { ImportLimits } from '@/platform/spreadsheets/read/limits';
import { rawCell, WallClockCache, type CellParts } from '@/platform/spreadsheets/read/xlsx-cell';
import type { SheetContext } from '@/platform/spreadsheets/read/xlsx-parts';
import type { XmlHandlers } from '@/platform/spreadsheets/read/xml';

/** `AB12` → 27. */
function columnIndex(ref: string): number {
  let index = 0;
  for (let i = 0; i < ref.length; i++) {
    const code = ref.charCodeAt(i);
    if (code < 65 || code > 90) break;
    index = index * 26 + (code - 64);
  }
  return index - 1;
}

const enum Capture {
  None,
  Value,
  InlineText,
}

/**
 * The SAX handlers for one worksheet: one method per element that matters (`row`, `c`, `f`, `v`, `t`, `rPh`),
 * collecting finished rows into `out`. The handlers are arrow properties because the parser calls them detached.
 */
export class SheetRowCollector implements XmlHandlers {
  private readonly cap: number;
  private readonly walls: WallClockCache;
  private rowNumber = 0;
  private cells = new Map<number, RawCell>();
  private column = -1;
  private cell: CellParts = { type: 'n', style: 0, formula: false, value: '' };
  private capture = Capture.None;
  /** Inside a phonetic run (`rPh`, furigana): its `<t>` is a reading aid, not the cell's text. */
  private inPhonetic = false;

  constructor(
    private readonly context: SheetContext,
    limits: ImportLimits,
    private readonly out: RawRow[],
  ) {
    this.cap = limits.maxCellChars + 1;
    this.walls = new WallClockCache(context.date1904);
  }

  readonly open = (tag: string, attributes: Record<string, string>): void => {
    switch (tag) {
      case 'row':
        return this.openRow(attributes);
      case 'c':
        return this.openCell(attributes);
      case 'f':
        this.cell.formula = true;
        return;
      case 'v':
        this.capture = Capture.Value;
        return;
      case 't':
        if (!this.inPhonetic) this.capture = Capture.InlineText;
        return;
      case 'rPh':
        this.inPhonetic = true;
        return;
    }
  };

  readonly close = (tag: string): void => {
    switch (tag) {
      case 'v':
      case 't':
        this.capture = Capture.None;
        return;
      case 'rPh':
        this.inPhonetic = false;
        return;
      case 'c':
        return this.closeCell();
      case 'row':
        return this.closeRow();
    }
  };

  /** An inline string's runs sit in `<t>` elements; a cell's own value in `<v>`. Neither grows past the cell limit. */
  readonly text = (text: string): void => {
    const { cell, cap } = this;
    if (this.capture !== Capture.None && cell.value.length < cap) cell.value += text.slice(0, cap - cell.value.length);
  };

  private openRow(attributes: Record<string, string>) {
    this.rowNumber = attributes.r ? Number(attributes.r) : this.rowNumber + 1;
    this.cells = new Map();
    this.column = -1;
  }

  private openCell(attributes: Record<string, string>) {
    this.column = attributes.r ? columnIndex(attributes.r) : this.column + 1;
    const cell = this.cell;
    cell.type = attributes.t ?? 'n';
    cell.style = attributes.s ? Number(attributes.s) : 0;
    cell.formula = false;
    cell.value = '';
  }

  private closeCell() {
    const cell = rawCell(this.cell, this.context, this.walls);
    if (cell) this.cells.set(this.column, cell);
  }

  private closeRow() {
    if (this.cells.size > 0) this.out.push({ row: this.rowNumber, cells: this.cells });
  }
}
