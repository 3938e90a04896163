import { CsvError, parse } from 'csv-parse/sync';
import type { RawCell, RawRow } from '@/platform/spreadsheets/read/cells';
import { ImportFileError } from '@/platform/spreadsheets/read/errors';

/**
 * The text of a CSV file. UTF-8 with or without a BOM, UTF-16 with a BOM (Excel's "Unicode text"), and
 * otherwise GB18030, the superset of GBK that Chinese Excel saves CSV in.
 */
export function decodeCsv(buf: Buffer): string {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return new TextDecoder('utf-8').decode(buf.subarray(3));
  if (buf[0] === 0xff && buf[1] === 0xfe) return new TextDecoder('utf-16le').decode(buf.subarray(2));
  if (buf[0] === 0xfe && buf[1] === 0xff) return new TextDecoder('utf-16be').decode(buf.subarray(2));
  // A zip (an .xlsx sent as CSV) or any other binary file has NUL bytes early on; text never does.
  if (buf.subarray(0, 8192).includes(0)) throw new ImportFileError('import.notSpreadsheet');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return new TextDecoder('gb18030').decode(buf);
  }
}

/** Comma, semicolon (Excel in some European locales) or tab, whichever the first line uses most outside quotes. */
function detectDelimiter(text: string): string {
  const counts: Record<string, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (let i = 0; i < text.length && i < 65_536; i++) {
    const ch = text[i]!;
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) {
      if (counts[',']! + counts[';']! + counts['\t']! > 0) break;
    } else if (!quoted && ch in counts) counts[ch]!++;
  }
  return [',', ';', '\t'].reduce((best, ch) => (counts[ch]! > counts[best]! ? ch : best), ',');
}

/**
 * The records of a CSV file as rows. Row numbers count records, including empty lines, which is the row
 * number Excel shows when it opens the same file. Quoting is read strictly (Excel writes `"5"" screen"`, never
 * `5" screen` or `"a"b`); broken quoting refuses the file, naming the row where the broken record starts,
 * since every later row would be misread.
 */
export function readCsvRows(buf: Buffer): RawRow[] {
  const text = decodeCsv(buf);
  let records: string[][];
  try {
    records = parse(text, {
      delimiter: detectDelimiter(text),
      relax_column_count: true,
      skip_empty_lines: false,
    });
  } catch (error) {
    if (error instanceof CsvError && /QUOTE/.test(error.code)) {
      const parsed = (error as CsvError & { records?: number }).records ?? 0;
      throw new ImportFileError('import.badQuoting', { row: parsed + 1 });
    }
    throw new ImportFileError('import.notSpreadsheet');
  }
  return records.map((fields, index) => {
    const cells = new Map<number, RawCell>();
    fields.forEach((text, column) => {
      if (text !== '') cells.set(column, { kind: 'text', text });
    });
    return { row: index + 1, cells };
  });
}
