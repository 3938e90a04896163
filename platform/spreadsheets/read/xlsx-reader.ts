import type { RawCell, RawRow } from '@/platform/spreadsheets/read/cells';
import { ImportFileError } from '@/platform/spreadsheets/read/errors';
import { parseTextDate, serialToWallClock, type WallClock } from '@/platform/spreadsheets/read/excel-values';
import type { ImportLimits } from '@/platform/spreadsheets/read/limits';
import { readSheetContext, type SheetContext } from '@/platform/spreadsheets/read/xlsx-parts';
import { createXmlParser, decodeOoxmlEscapes } from '@/platform/spreadsheets/read/xml';
import type { TextBudget } from '@/platform/spreadsheets/read/text-budget';
import { InflateBudget, inflateEntry, readZipDirectory } from '@/platform/spreadsheets/read/zip';

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
// Compound File Binary: an Excel 97–2003 .xls, or an .xlsx saved with a password (encrypted inside an OLE container).
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

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

/** A SAX handler for one worksheet that collects finished rows into `out`. */
function sheetHandlers(context: SheetContext, limits: ImportLimits, out: RawRow[]) {
  const cap = limits.maxCellChars + 1;
  let rowNumber = 0;
  let cells = new Map<number, RawCell>();
  let column = -1;
  let type = 'n';
  let style = 0;
  let formula = false;
  let value = '';
  let capture = Capture.None;
  let inPhonetic = false;
  // Dates repeat across rows; converting each serial once keeps 100,000-row sheets fast.
  const walls = new Map<string, WallClock | null>();

  function finishCell(): RawCell | undefined {
    if (formula) return { kind: 'formula' };
    switch (type) {
      case 's': {
        if (value === '') return undefined;
        return { kind: 'text', text: context.sharedStrings.get(Number(value)) ?? '' };
      }
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
      default: {
        if (value.trim() === '') return undefined;
        if (context.dateStyles[style]) {
          let wall = walls.get(value);
          if (wall === undefined) {
            wall = serialToWallClock(Number(value), context.date1904);
            if (walls.size < 50_000) walls.set(value, wall);
          }
          if (wall) return { kind: 'date', wall };
        }
        return { kind: 'number', raw: value };
      }
    }
  }

  return {
    open(tag: string, attributes: Record<string, string>) {
      switch (tag) {
        case 'row':
          rowNumber = attributes.r ? Number(attributes.r) : rowNumber + 1;
          cells = new Map();
          column = -1;
          break;
        case 'c':
          column = attributes.r ? columnIndex(attributes.r) : column + 1;
          type = attributes.t ?? 'n';
          style = attributes.s ? Number(attributes.s) : 0;
          formula = false;
          value = '';
          break;
        case 'f':
          formula = true;
          break;
        case 'v':
          capture = Capture.Value;
          break;
        case 't':
          if (!inPhonetic) capture = Capture.InlineText;
          break;
        case 'rPh':
          inPhonetic = true;
          break;
      }
    },
    close(tag: string) {
      switch (tag) {
        case 'v':
        case 't':
          capture = Capture.None;
          break;
        case 'rPh':
          inPhonetic = false;
          break;
        case 'c': {
          const cell = finishCell();
          if (cell) cells.set(column, cell);
          break;
        }
        case 'row':
          if (cells.size > 0) out.push({ row: rowNumber, cells });
          break;
      }
    },
    text(text: string) {
      // An inline string's runs sit in <t> elements; a cell's own value in <v>. Neither grows past the cell limit.
      if (capture !== Capture.None && value.length < cap) value += text.slice(0, cap - value.length);
    },
  };
}

/**
 * Streams the rows of the first visible worksheet of an XLSX, in batches, without evaluating anything and
 * without holding the inflated sheet in memory.
 */
export async function* readXlsxRows(buf: Buffer, limits: ImportLimits, textBudget?: TextBudget): AsyncGenerator<RawRow[]> {
  if (!buf.subarray(0, 4).equals(ZIP_MAGIC)) {
    throw new ImportFileError(buf.subarray(0, 8).equals(OLE_MAGIC) ? 'import.legacyOrEncrypted' : 'import.notSpreadsheet');
  }
  const entries = readZipDirectory(buf, limits);
  const file = { buf, entries, budget: new InflateBudget(limits.maxUncompressedBytes), limits, textBudget };
  const out: RawRow[] = [];
  let context: SheetContext | undefined;
  try {
    context = await readSheetContext(file);
    const parser = createXmlParser(sheetHandlers(context, limits, out));
    const decoder = new TextDecoder('utf-8');
    for await (const chunk of inflateEntry(buf, context.sheet, file.budget, limits)) {
      parser.write(decoder.decode(chunk, { stream: true }));
      if (out.length > 0) yield out.splice(0);
    }
    parser.write(decoder.decode()).close();
    if (out.length > 0) yield out.splice(0);
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    // Malformed XML or a broken part: the file is not a workbook we can read.
    throw new ImportFileError('import.notSpreadsheet');
  } finally {
    context?.sharedStrings.release();
  }
}
