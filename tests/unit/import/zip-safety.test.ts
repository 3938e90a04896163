import { beforeAll, describe, expect, it } from 'vitest';
import { ImportFileError, readTable } from '@/platform/spreadsheets/read/read-table';
import type { ColumnSpec } from '@/platform/spreadsheets/read/columns';
import { deflateRepeated, sharedStringsXml, sheetXml, workbookParts, xlsxOf, zipOf, type ZipInput } from './helpers';

const COLUMNS: ColumnSpec[] = [{ code: 'name', labelZh: '名称', labelEn: 'Name', required: true, type: 'string', example: '' }];
const MB = 1024 * 1024;

async function refusal(buf: Buffer, limits = {}): Promise<ImportFileError> {
  const error = await readTable(buf, 'xlsx', COLUMNS, limits).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportFileError);
  return error as ImportFileError;
}

/** Reads a hostile file, timing it and watching how far the process's memory grows meanwhile. */
async function measured(buf: Buffer) {
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const started = performance.now();
  try {
    const error = await refusal(buf);
    peak = Math.max(peak, process.memoryUsage().rss);
    return { error, ms: performance.now() - started, growthMb: (peak - before) / MB };
  } finally {
    clearInterval(timer);
  }
}

const goodSheet = (): ZipInput => ({ name: 'xl/worksheets/sheet1.xml', data: sheetXml('<row r="1"><c r="A1" t="s"><v>0</v></c></row>') });
const goodStrings = (): ZipInput => ({ name: 'xl/sharedStrings.xml', data: sharedStringsXml(['name']) });

describe('readTable: hostile XLSX', () => {
  // About 1 KB of deflate per MB inflated; built once, streaming, so the test process never holds 300 MB.
  let strings: Awaited<ReturnType<typeof deflateRepeated>>;
  let sheet: Awaited<ReturnType<typeof deflateRepeated>>;
  beforeAll(async () => {
    strings = await deflateRepeated('<sst>', '<si><t>AAAAAAAAAAAAAAAA</t></si>', 300 * MB, '</sst>');
    sheet = await deflateRepeated(
      '<worksheet><sheetData>',
      '<row><c t="inlineStr"><is><t>boom</t></is></c></row>',
      300 * MB,
      '</sheetData></worksheet>',
    );
  });

  it('reads the hand-made workbook the bombs below are built from', async () => {
    const result = await readTable(zipOf(workbookParts(goodSheet(), goodStrings())), 'xlsx', COLUMNS);
    expect(result).toEqual({ rows: [], problems: [] });
  });

  it('refuses a 300 MB sharedStrings.xml that says so, from the zip directory alone', async () => {
    const zip = zipOf(workbookParts(goodSheet(), { name: 'xl/sharedStrings.xml', data: Buffer.alloc(0), deflated: strings }));
    const { error, ms, growthMb } = await measured(zip);
    console.log(
      `zip bomb, honest sizes: ${(zip.length / 1024).toFixed(0)} KB → ${(strings.size / MB).toFixed(0)} MB refused in ${ms.toFixed(0)} ms, rss +${growthMb.toFixed(1)} MB`,
    );
    expect(error.key).toBe('import.zipBomb');
    expect(ms).toBeLessThan(1000);
    expect(growthMb).toBeLessThan(50);
  });

  it('refuses a 300 MB sheet whose headers claim 50 KB, while inflating, with bounded memory', async () => {
    const zip = zipOf(
      workbookParts({ name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(0), deflated: sheet, declaredSize: 50_000 }, goodStrings()),
    );
    const { error, ms, growthMb } = await measured(zip);
    console.log(
      `zip bomb, lying sheet: ${(zip.length / 1024).toFixed(0)} KB → ${(sheet.size / MB).toFixed(0)} MB refused in ${ms.toFixed(0)} ms, rss +${growthMb.toFixed(1)} MB`,
    );
    expect(error.key).toBe('import.zipBomb');
    expect(ms).toBeLessThan(2000);
    expect(growthMb).toBeLessThan(50);
  });

  it('refuses a lying sharedStrings.xml that claims 1 MB, just past the ratio grace', async () => {
    const zip = zipOf(
      workbookParts(goodSheet(), { name: 'xl/sharedStrings.xml', data: Buffer.alloc(0), deflated: strings, declaredSize: MB }),
    );
    const { error, ms, growthMb } = await measured(zip);
    console.log(`zip bomb, lying strings: refused in ${ms.toFixed(0)} ms, rss +${growthMb.toFixed(1)} MB`);
    expect(error.key).toBe('import.zipBomb');
    expect(growthMb).toBeLessThan(50);
  });

  it('refuses overlapping entries and too many entries', async () => {
    const parts = workbookParts(goodSheet(), goodStrings());
    const overlapping = zipOf([...parts, { name: 'xl/media/a.bin', data: Buffer.alloc(0), reuse: 'xl/sharedStrings.xml' }]);
    expect((await refusal(overlapping)).key).toBe('import.zipBomb');
    expect((await refusal(zipOf(parts), { maxZipEntries: 5 })).key).toBe('import.zipBomb');
  });

  it('refuses a total past the uncompressed budget even when each entry is plausible', async () => {
    const big = { name: 'xl/media/big.bin', data: Buffer.alloc(3 * MB, 'x'), stored: true };
    expect((await refusal(zipOf([...workbookParts(goodSheet(), goodStrings()), big]), { maxUncompressedBytes: 2 * MB })).key).toBe(
      'import.zipBomb',
    );
  });

  it('refuses files that are not workbooks: text, truncated, a plain zip, an entity bomb', async () => {
    expect((await refusal(Buffer.from('externalId,unitCode\nA,B\n'))).key).toBe('import.notSpreadsheet');
    expect((await refusal(Buffer.from('%PDF-1.7 ...'))).key).toBe('import.notSpreadsheet');
    const real = await xlsxOf([['name'], ['x']]);
    expect((await refusal(real.subarray(0, real.length - 200))).key).toBe('import.notSpreadsheet');
    expect((await refusal(zipOf([{ name: 'readme.txt', data: Buffer.from('hello') }]))).key).toBe('import.notSpreadsheet');
    const laughs = sheetXml('')
      .toString()
      .replace('<worksheet', '<!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><worksheet');
    const entityBomb = zipOf(workbookParts({ name: 'xl/worksheets/sheet1.xml', data: Buffer.from(laughs) }, goodStrings()));
    expect((await refusal(entityBomb)).key).toBe('import.notSpreadsheet');
  });

  it('says what to do with an old .xls or a password-protected workbook', async () => {
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(4096)]);
    const error = await refusal(ole);
    expect(error.key).toBe('import.legacyOrEncrypted');
    expect(error.localized('zh-CN')).toContain('.xlsx');
  });
});
