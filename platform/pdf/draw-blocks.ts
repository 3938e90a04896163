import {
  BLOCK_GAP,
  BODY_SIZE,
  COLORS,
  contentLeft,
  contentWidth,
  ensureSpace,
  FONT_BOLD,
  FONT_REGULAR,
  LINE_GAP,
  pageBottom,
  pageTop,
  SMALL_SIZE,
  type Doc,
} from '@/platform/pdf/page-layout';

const HEADING_SIZES = { 1: 16, 2: 13.5, 3: 12 } as const;

/** Title centred, subtitle below, then a red rule as on an official notice. */
export function drawTitle(doc: Doc, title: string, subtitle?: string): void {
  const left = contentLeft(doc);
  const width = contentWidth(doc);
  doc.font(FONT_BOLD).fontSize(20).fillColor(COLORS.text).text(title, left, doc.y, { width, align: 'center', lineGap: LINE_GAP });
  if (subtitle) {
    doc.moveDown(0.3);
    doc.font(FONT_REGULAR).fontSize(12).fillColor(COLORS.muted).text(subtitle, left, doc.y, { width, align: 'center' });
  }
  const y = doc.y + 8;
  doc
    .moveTo(left, y)
    .lineTo(left + width, y)
    .lineWidth(1.5)
    .strokeColor(COLORS.rule)
    .stroke();
  doc.x = left;
  doc.y = y + 14;
}

/** `keepWith`: the height of what follows that must stay on the heading's page (e.g. a chart). */
export function drawHeading(doc: Doc, text: string, level: 1 | 2 | 3 = 1, keepWith = 0): void {
  const size = HEADING_SIZES[level];
  const width = contentWidth(doc);
  doc.font(FONT_BOLD).fontSize(size);
  const height = doc.heightOfString(text, { width, lineGap: LINE_GAP });
  // Keep a heading with at least three lines of what follows it.
  ensureSpace(doc, size * 0.6 + height + Math.max(keepWith + 4, 3 * (BODY_SIZE + LINE_GAP)));
  if (doc.y > pageTop(doc)) doc.y += size * 0.6;
  doc.fillColor(COLORS.text).text(text, contentLeft(doc), doc.y, { width, lineGap: LINE_GAP });
  doc.y += 4;
}

/** Body text, first line indented by two characters; long paragraphs flow onto the next page. */
export function drawParagraph(doc: Doc, text: string): void {
  ensureSpace(doc, 2 * (BODY_SIZE + LINE_GAP));
  doc
    .font(FONT_REGULAR)
    .fontSize(BODY_SIZE)
    .fillColor(COLORS.text)
    .text(text, contentLeft(doc), doc.y, { width: contentWidth(doc), lineGap: LINE_GAP, indent: 2 * BODY_SIZE });
  doc.y += BLOCK_GAP;
}

/** Label–value pairs in two columns; an item is never split across pages. */
export function drawKeyValues(doc: Doc, items: readonly { label: string; value: string }[]): void {
  const left = contentLeft(doc);
  const width = contentWidth(doc);
  doc.font(FONT_BOLD).fontSize(BODY_SIZE);
  const labelWidth = Math.min(Math.max(0, ...items.map((i) => doc.widthOfString(i.label))) + 14, width * 0.35);
  const valueWidth = width - labelWidth;
  for (const item of items) {
    const options = { lineGap: LINE_GAP };
    doc.font(FONT_BOLD).fontSize(BODY_SIZE);
    const labelHeight = doc.heightOfString(item.label, { ...options, width: labelWidth - 10 });
    doc.font(FONT_REGULAR).fontSize(BODY_SIZE);
    const valueHeight = doc.heightOfString(item.value || ' ', { ...options, width: valueWidth });
    const height = Math.max(labelHeight, valueHeight);
    ensureSpace(doc, height + 5);
    const y = doc.y;
    doc
      .font(FONT_BOLD)
      .fillColor(COLORS.muted)
      .text(item.label, left, y, { ...options, width: labelWidth - 10, height: height + 1 });
    doc
      .font(FONT_REGULAR)
      .fillColor(COLORS.text)
      .text(item.value, left + labelWidth, y, { ...options, width: valueWidth, height: height + 1 });
    doc
      .moveTo(left, y + height + 2)
      .lineTo(left + width, y + height + 2)
      .lineWidth(0.4)
      .strokeColor(COLORS.border)
      .stroke();
    doc.y = y + height + 5;
  }
  doc.x = left;
  doc.y += BLOCK_GAP;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Pixel size from a PNG's header; throws if the bytes are not a PNG. */
export function pngSize(png: Buffer): { width: number; height: number } {
  if (png.length < 24 || !png.subarray(0, 8).equals(PNG_SIGNATURE) || png.toString('ascii', 12, 16) !== 'IHDR') {
    throw new Error('image: the data is not a PNG file');
  }
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** An image centred, at most the text width (and one page) in size, moved to the next page if it does not fit. */
export function drawImage(doc: Doc, png: Buffer, requestedWidth?: number): void {
  const size = pngSize(png);
  const maxWidth = contentWidth(doc);
  const maxHeight = pageBottom(doc) - pageTop(doc);
  let width = Math.min(requestedWidth ?? size.width, maxWidth);
  let height = (width * size.height) / size.width;
  if (height > maxHeight) {
    width *= maxHeight / height;
    height = maxHeight;
  }
  ensureSpace(doc, height);
  const y = doc.y;
  doc.image(png, contentLeft(doc) + (maxWidth - width) / 2, y, { width, height });
  doc.x = contentLeft(doc);
  doc.y = y + height + BLOCK_GAP;
}

/** Writes every page's footer once all pages exist: the given text left, the page number right. */
// Chinese is the product's default language; a document in another language passes its own words.
const DEFAULT_PAGE_NUMBER = '第 {page} 页 / 共 {pages} 页';

export function drawFooters(doc: Doc, footer: string | undefined, pageNumber = DEFAULT_PAGE_NUMBER): void {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    const page = i - start + 1;
    const left = contentLeft(doc);
    const width = contentWidth(doc);
    const y = doc.page.height - doc.page.margins.bottom + 22;
    // Writing below the bottom margin would make pdfkit start a new page.
    const bottomMargin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font(FONT_REGULAR).fontSize(SMALL_SIZE).fillColor(COLORS.muted);
    const fill = (text: string) => text.replaceAll('{page}', String(page)).replaceAll('{pages}', String(count));
    if (footer && /\{pages?\}/.test(footer)) {
      doc.text(fill(footer), left, y, { width, align: 'center', lineBreak: false });
    } else {
      if (footer) doc.text(footer, left, y, { width: width * 0.7, lineBreak: false });
      doc.text(fill(pageNumber), left, y, { width, align: 'right', lineBreak: false });
    }
    doc.page.margins.bottom = bottomMargin;
  }
}
