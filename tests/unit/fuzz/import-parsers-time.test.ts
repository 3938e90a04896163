import { describe, it } from 'vitest';
import type { RawCell } from '@/platform/spreadsheets/read/cells';
import { decodeCsv, readCsvRows } from '@/platform/spreadsheets/read/csv-reader';
import { isDateFormat, parseTextDate, plainNumber } from '@/platform/spreadsheets/read/excel-values';
import { mapHeader } from '@/platform/spreadsheets/read/headers';
import { normalizeCell } from '@/platform/spreadsheets/read/normalize-cell';
import { readTable } from '@/platform/spreadsheets/read/read-table';
import { decodeOoxmlEscapes } from '@/platform/spreadsheets/read/xml';
import { typedFromText } from '@/domain/records/fields';
import { kindDefs } from '@/features/records/kinds';
import { COLUMNS, sharedStringsXml, sheetXml, workbookParts, zipOf } from '../import/helpers';
import { budgetMs, expectWithinBudget, fuzzTime } from './time-bound';

// Every function that reads spreadsheet text is fed long adversarial strings and must answer within a
// budget linear in the input (issue 13 item 6: a quadratic regular expression in plainNumber let a 109 KB
// file hold the server for 113 s).
describe('spreadsheet parsers take time linear in their input', () => {
  it('plainNumber (XLSX numeric cells)', () => fuzzTime('plainNumber', plainNumber));
  it('parseTextDate (typed dates)', () => fuzzTime('parseTextDate', parseTextDate));
  it('isDateFormat (custom number formats in styles.xml)', () => fuzzTime('isDateFormat', (t) => isDateFormat(200, t)));
  it('decodeOoxmlEscapes (shared strings)', () => fuzzTime('decodeOoxmlEscapes', decodeOoxmlEscapes));

  it('normalizeCell, as text and as a number cell, for every column type', async () => {
    for (const column of COLUMNS) {
      await fuzzTime(`normalizeCell text ${column.type}`, (t) => normalizeCell({ kind: 'text', text: t }, column, 1_000_000), {
        numRuns: 5,
      });
      await fuzzTime(`normalizeCell number ${column.type}`, (t) => normalizeCell({ kind: 'number', raw: t }, column, 1_000_000), {
        numRuns: 5,
      });
    }
  });

  it('typedFromText (imports and forms), for every field of every record kind', async () => {
    for (const def of Object.values(kindDefs))
      await fuzzTime(
        `typedFromText ${def.kind}`,
        (t) => typedFromText(Object.fromEntries(def.fields.map((f) => [f.code, t])), def.fields),
        { numRuns: 3 },
      );
  });

  it('typedFromText, for a field of every type', () => {
    const types = ['string', 'integer', 'number', 'boolean', 'date', 'datetime', 'enum'] as const;
    const fields = types.map((type) => ({ code: type, labelZh: type, labelEn: type, required: false, type, example: '' }));
    return fuzzTime('typedFromText', (t) => typedFromText(Object.fromEntries(types.map((type) => [type, t])), fields));
  });

  it('mapHeader (header cells)', () =>
    fuzzTime('mapHeader', (t) => {
      const cells = new Map<number, RawCell>([0, 1, 2].map((i) => [i, { kind: 'text', text: t }]));
      try {
        mapHeader({ row: 1, cells }, COLUMNS);
      } catch {
        // A header that names no column refuses the file; only the time matters here.
      }
    }));

  it('decodeCsv and readCsvRows (CSV files)', async () => {
    await fuzzTime('decodeCsv', (t) => decodeCsv(Buffer.from(t)));
    // csv-parse spends about 10 µs on each record it finds (every 2 characters here) and more on multi-byte
    // text, linearly; the full suite on a shared 2-core machine once took 505 ms on 30,000 characters of 日.
    await fuzzTime('readCsvRows', (t) => readCsvRows(Buffer.from(t)), { msPerKb: 40 });
  });

  it('readTable: a CSV and an XLSX of hostile cells, 1 MB each, in well under a second', async () => {
    const value = `1.${'0'.repeat(9_990)}x`;
    const csvRows = Array.from({ length: 100 }, (_, i) => `E-${i},U,ai,4,2025-03-04 09:30,2025-04-30,${value},${'1'.repeat(9_990)}x,x`);
    const csv = [COLUMNS.map((c) => c.code).join(','), ...csvRows].join('\n');
    await expectWithinBudget('readTable csv', csv, (t) => readTable(Buffer.from(t), 'csv', COLUMNS));
    const header = `<row r="1">${COLUMNS.map((c, i) => `<c r="${String.fromCharCode(65 + i)}1" t="inlineStr"><is><t>${c.code}</t></is></c>`).join('')}</row>`;
    const rows = Array.from({ length: 100 }, (_, i) => `<row r="${i + 2}"><c r="G${i + 2}"><v>${value}</v></c></row>`).join('');
    const xlsx = zipOf(
      workbookParts(
        { name: 'xl/worksheets/sheet1.xml', data: sheetXml(header + rows) },
        { name: 'xl/sharedStrings.xml', data: sharedStringsXml([]) },
      ),
    );
    // Budgeted by the sheet's XML (1 MB), not by the compressed file.
    await expectWithinBudget('readTable xlsx', '', () => readTable(xlsx, 'xlsx', COLUMNS), budgetMs(1_000_000));
  });
});
