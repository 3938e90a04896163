import { readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { env } from '@/server/env';
import { drawFooters, drawHeading, drawImage, drawKeyValues, drawParagraph, drawTitle } from '@/platform/pdf/draw-blocks';
import { barChartHeight, drawBarChart } from '@/platform/pdf/draw-chart';
import { drawTable } from '@/platform/pdf/draw-table';
import { FONT_BOLD, FONT_REGULAR, MARGINS, type Doc } from '@/platform/pdf/page-layout';
import { PdfFontError, resolvePdfFonts, type FontFace, type PdfFonts } from '@/platform/pdf/resolve-fonts';
import type { Block, PdfDocument } from '@/platform/pdf/types';

export interface RenderOptions {
  /** Fonts to embed; default: resolvePdfFonts() with FENGHUO_PDF_FONT / FENGHUO_PDF_FONT_BOLD. */
  fonts?: PdfFonts;
}

// A CJK font file is 10-20 MB: read each once per process. pdfkit embeds only the glyphs used.
const fontFiles = new Map<string, Buffer>();
let defaultFonts: PdfFonts | undefined;

function fontData(file: string): Buffer {
  let data = fontFiles.get(file);
  if (!data) {
    data = readFileSync(file);
    fontFiles.set(file, data);
  }
  return data;
}

function registerFont(doc: Doc, name: string, face: FontFace): void {
  try {
    doc.registerFont(name, fontData(face.file), face.face);
    doc.font(name); // fontkit parses here: a wrong face name or a non-font fails now, not mid-document
  } catch (error) {
    const which = face.face ? `face "${face.face}" of ${face.file}` : face.file;
    throw new PdfFontError(
      `Cannot use ${which} as a PDF font (${(error as Error).message}). A .ttc/.otc collection needs "#FaceName", e.g. NotoSansCJK-Regular.ttc#NotoSansCJKsc-Regular.`,
    );
  }
}

function drawBlock(doc: Doc, block: Block, next: Block | undefined): void {
  switch (block.type) {
    case 'heading':
      // A chart is not split, so a heading above one moves with it rather than stay alone.
      return drawHeading(doc, block.text, block.level, next?.type === 'barChart' ? barChartHeight(doc, next) : 0);
    case 'paragraph':
      return drawParagraph(doc, block.text);
    case 'table':
      return drawTable(doc, block.columns, block.rows);
    case 'keyValues':
      return drawKeyValues(doc, block.items);
    case 'image':
      return drawImage(doc, block.png, block.width);
    case 'barChart':
      return drawBarChart(doc, block);
    case 'pageBreak':
      doc.addPage();
      return;
  }
}

/**
 * Renders a document as an A4 PDF with an embedded, subsetted Chinese font. The same input with the same
 * `createdAt` gives the same bytes.
 */
export function renderPdf(input: PdfDocument, options: RenderOptions = {}): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    try {
      const fonts =
        options.fonts ?? (defaultFonts ??= resolvePdfFonts({ regular: env().FENGHUO_PDF_FONT, bold: env().FENGHUO_PDF_FONT_BOLD }));
      const doc = new PDFDocument({
        size: 'A4',
        layout: 'portrait',
        margins: MARGINS,
        bufferPages: true,
        compress: true,
        lang: 'zh-CN',
        displayTitle: true,
        // pdfkit derives the file ID from these, so an undefined entry must be left out, not set.
        info: {
          Title: input.title,
          ...(input.meta?.author ? { Author: input.meta.author } : {}),
          ...(input.meta?.subject ? { Subject: input.meta.subject } : {}),
          Creator: 'Fenghuo',
          Producer: 'Fenghuo (pdfkit)',
          CreationDate: input.createdAt ?? new Date(),
        },
      });
      const chunks: Buffer[] = [];
      doc.on('data', (chunk: Buffer) => chunks.push(chunk));
      doc.on('end', () => resolve(Buffer.concat(chunks)));
      doc.on('error', reject);

      registerFont(doc, FONT_BOLD, fonts.bold);
      registerFont(doc, FONT_REGULAR, fonts.regular);
      drawTitle(doc, input.title, input.subtitle);
      input.blocks.forEach((block, i) => drawBlock(doc, block, input.blocks[i + 1]));
      drawFooters(doc, input.footer, input.pageNumber);
      doc.end();
    } catch (error) {
      reject(error);
    }
  });
}
