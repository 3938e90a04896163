import { normalizeHex, textColorOn } from '@/platform/pdf/colors';
import {
  COLORS,
  contentLeft,
  contentWidth,
  FONT_BOLD,
  FONT_REGULAR,
  pageBottom,
  pageTop,
  SMALL_SIZE,
  BLOCK_GAP,
  type Doc,
} from '@/platform/pdf/page-layout';
import type { Align, TableCell, TableColumn } from '@/platform/pdf/types';

const PAD_X = 4;
const PAD_Y = 3.5;
const CELL_LINE_GAP = 1.5;
const MIN_FREE_WIDTH = 24;

interface Cell {
  text: string;
  fill?: string;
}

/**
 * Column widths in points: given widths are kept (scaled down if they overflow), the others share what is
 * left, each at least MIN_FREE_WIDTH.
 */
export function columnWidths(columns: readonly TableColumn[], total: number): number[] {
  const given = columns.map((c) => (c.width !== undefined && c.width > 0 ? c.width : undefined));
  const free = given.filter((w) => w === undefined).length;
  const fixed = given.reduce<number>((sum, w) => sum + (w ?? 0), 0);
  const room = total - free * MIN_FREE_WIDTH;
  const scale = fixed > room && fixed > 0 ? Math.max(room, 0) / fixed : 1;
  const share = free > 0 ? (total - fixed * scale) / free : 0;
  return given.map((w) => (w === undefined ? share : w * scale));
}

function normalizeRows(columns: readonly TableColumn[], rows: readonly TableCell[][]): Cell[][] {
  return rows.map((row, r) => {
    if (row.length !== columns.length) {
      throw new Error(`table: row ${r + 1} has ${row.length} cells, the table has ${columns.length} columns`);
    }
    return row.map((cell, c) => {
      if (typeof cell === 'string') return { text: cell };
      if (cell.fill === undefined) return { text: cell.text };
      try {
        return { text: cell.text, fill: normalizeHex(cell.fill) };
      } catch (error) {
        throw new Error(`table: row ${r + 1}, column ${c + 1}: ${(error as Error).message}`);
      }
    });
  });
}

function textHeight(doc: Doc, text: string, width: number, font: string): number {
  doc.font(font).fontSize(SMALL_SIZE);
  const options = { width, lineGap: CELL_LINE_GAP };
  // An empty cell is as tall as one line.
  return Math.max(doc.heightOfString(text, options), doc.heightOfString('国', options));
}

interface RowLayout {
  height: number;
  /** Each cell's text height, at most what the row has room for. */
  textHeights: number[];
}

function layoutRow(doc: Doc, cells: Cell[], widths: number[], font: string, maxHeight: number): RowLayout {
  const natural = cells.map((cell, i) => textHeight(doc, cell.text, (widths[i] ?? 0) - 2 * PAD_X, font));
  const height = Math.min(Math.max(...natural) + 2 * PAD_Y, maxHeight);
  return { height, textHeights: natural.map((h) => Math.min(h, height - 2 * PAD_Y)) };
}

function drawRow(doc: Doc, y: number, row: RowLayout, cells: Cell[], widths: number[], aligns: Align[], font: string, background?: string) {
  let x = contentLeft(doc);
  doc.font(font).fontSize(SMALL_SIZE);
  cells.forEach((cell, i) => {
    const width = widths[i] ?? 0;
    const fill = cell.fill ?? background;
    if (fill) doc.rect(x, y, width, row.height).fill(fill);
    const textHeight = row.textHeights[i] ?? 0;
    doc.fillColor(fill ? textColorOn(fill) : COLORS.text);
    // Vertically centred. A height keeps pdfkit from starting a page of its own; a row too tall for any
    // page ends in "…".
    doc.text(cell.text, x + PAD_X, y + (row.height - textHeight) / 2, {
      width: width - 2 * PAD_X,
      height: textHeight + 1,
      align: aligns[i] ?? 'left',
      lineGap: CELL_LINE_GAP,
      ellipsis: true,
    });
    doc.lineWidth(0.5).strokeColor(COLORS.border).rect(x, y, width, row.height).stroke();
    x += width;
  });
}

/** Draws a table from the current position; rows never split, and the header row repeats on each page. */
export function drawTable(doc: Doc, columns: readonly TableColumn[], rows: readonly TableCell[][]): void {
  const body = normalizeRows(columns, rows);
  const widths = columnWidths(columns, contentWidth(doc));
  const aligns = columns.map((c) => c.align ?? 'left');
  const headerCells: Cell[] = columns.map((c) => ({ text: c.label }));
  const header: RowLayout = layoutRow(doc, headerCells, widths, FONT_BOLD, Infinity);
  const maxRowHeight = pageBottom(doc) - pageTop(doc) - header.height;
  const drawHeader = (y: number) => {
    drawRow(doc, y, header, headerCells, widths, aligns, FONT_BOLD, COLORS.headerFill);
    return y + header.height;
  };

  let y = doc.y;
  body.forEach((cells, i) => {
    const row = layoutRow(doc, cells, widths, FONT_REGULAR, maxRowHeight);
    if (i === 0) {
      // The header never stands alone at the foot of a page.
      if (y + header.height + row.height > pageBottom(doc) && y > pageTop(doc)) {
        doc.addPage();
        y = pageTop(doc);
      }
      y = drawHeader(y);
    } else if (y + row.height > pageBottom(doc)) {
      doc.addPage();
      y = drawHeader(pageTop(doc));
    }
    drawRow(doc, y, row, cells, widths, aligns, FONT_REGULAR, i % 2 === 1 ? COLORS.zebraFill : undefined);
    y += row.height;
  });
  if (body.length === 0) y = drawHeader(y);
  doc.x = contentLeft(doc);
  doc.y = y + BLOCK_GAP;
}
