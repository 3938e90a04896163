import type { RawRow } from '@/platform/spreadsheets/read/cells';
import { ImportFileError } from '@/platform/spreadsheets/read/errors';
import type { ImportLimits } from '@/platform/spreadsheets/read/limits';
import { readSheetContext, type SheetContext } from '@/platform/spreadsheets/read/xlsx-parts';
import { SheetRowCollector } from '@/platform/spreadsheets/read/xlsx-sheet';
import { createXmlParser } from '@/platform/spreadsheets/read/xml';
import type { TextBudget } from '@/platform/spreadsheets/read/text-budget';
import { InflateBudget, inflateEntry, readZipDirectory } from '@/platform/spreadsheets/read/zip';

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
// Compound File Binary: an Excel 97–2003 .xls, or an .xlsx saved with a password (encrypted inside an OLE container).
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

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
    const parser = createXmlParser(new SheetRowCollector(context, limits, out));
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
