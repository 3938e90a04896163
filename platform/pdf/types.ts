// The document model that renderPdf() draws. Plain data, so a notice or bulletin builder can be tested
// without rendering anything.

export type Align = 'left' | 'right' | 'center';

export interface TableColumn {
  label: string;
  /** Width in points (A4's text area is about 483 pt wide); columns without one share what is left. */
  width?: number;
  align?: Align;
}

/** A table cell: plain text, or text on a coloured background (hex, e.g. '#B91C1C'). */
export type TableCell = string | { text: string; fill?: string };

/** A grouped bar chart drawn with vector primitives: one group per category, one bar per series. */
export interface BarChart {
  /** The x axis: one group of bars each (e.g. months), at most MAX_CATEGORIES. */
  categories: string[];
  /** One bar per category each, at most MAX_SERIES; `colour` is hex. */
  series: { label: string; colour: string; values: number[] }[];
  xLabel?: string;
  yLabel?: string;
}

export type Block =
  | { type: 'heading'; text: string; level?: 1 | 2 | 3 }
  | { type: 'paragraph'; text: string }
  | { type: 'table'; columns: TableColumn[]; rows: TableCell[][] }
  | { type: 'keyValues'; items: { label: string; value: string }[] }
  /** A PNG, e.g. a chart rendered elsewhere; `width` in points, at most the text width. */
  | { type: 'image'; png: Buffer; width?: number }
  | ({ type: 'barChart' } & BarChart)
  | { type: 'pageBreak' };

export interface PdfDocument {
  title: string;
  subtitle?: string;
  meta?: { author?: string; subject?: string };
  blocks: Block[];
  /**
   * Left part of every page's footer, e.g. "烽火 · 生成于 2026-11-23 08:00"; `pageNumber` is added on
   * the right. If the text contains `{page}` or `{pages}`, those are filled in and nothing is added.
   */
  footer?: string;
  /** The page number on the right of the footer, in the document's language: "Page {page} of {pages}". */
  pageNumber?: string;
  /** Stored as the PDF's creation date; with it, the same input gives the same bytes. Default: now. */
  createdAt?: Date;
}
