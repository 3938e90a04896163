// Page geometry and type sizes shared by the block renderers. Points (1/72 inch); A4 is 595.28 × 841.89.

export type Doc = PDFKit.PDFDocument;

export const MARGINS = { top: 56, bottom: 64, left: 56, right: 56 };
export const FONT_REGULAR = 'fenghuo-regular';
export const FONT_BOLD = 'fenghuo-bold';

export const BODY_SIZE = 10.5; // 五号, the usual size for Chinese documents
export const SMALL_SIZE = 9;
export const LINE_GAP = 3;
export const BLOCK_GAP = 8;

export const COLORS = {
  text: '#1A1A1A',
  muted: '#5B6470',
  rule: '#B91C1C',
  border: '#C3C9D1',
  headerFill: '#E4EAF2',
  zebraFill: '#F5F7FA',
};

export function contentLeft(doc: Doc): number {
  return doc.page.margins.left;
}

export function contentWidth(doc: Doc): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

export function pageTop(doc: Doc): number {
  return doc.page.margins.top;
}

export function pageBottom(doc: Doc): number {
  return doc.page.height - doc.page.margins.bottom;
}

/** Starts a new page unless `height` more points fit below the current position. */
export function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > pageBottom(doc) && doc.y > pageTop(doc)) {
    doc.addPage();
  }
}
