import ExcelJS from 'exceljs';
import { expect, test } from './fixtures';
import { logIn } from './helpers';
import { deflateRepeated, sharedStringsXml, sheetXml, workbookParts, zipOf } from '../unit/import/helpers';

// The bad-input corpus through the browser's upload route (issue 7 part 4): each hostile file is refused, as a
// file or at a row and column, in a 4xx or in the preview's report; never a 5xx, never an unexpected error.
const MB = 1024 * 1024;
const header = 'externalId,unitCode,domain,dimension,tier,occurredAt,summary';

async function formulaXlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('数据');
  ws.addRow(header.split(','));
  ws.addRow(['UP-1', 'BJ01', 'drones', 'loss', 4, '2026-03-04 09:30', { formula: 'HYPERLINK("http://x.test","click")', result: 'click' }]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function zipBomb(): Promise<Buffer> {
  const strings = await deflateRepeated('<sst>', '<si><t>AAAAAAAAAAAAAAAA</t></si>', 300 * MB, '</sst>');
  return zipOf(
    workbookParts(
      { name: 'xl/worksheets/sheet1.xml', data: sheetXml('<row r="1"><c r="A1" t="s"><v>0</v></c></row>') },
      { name: 'xl/sharedStrings.xml', data: sharedStringsXml([]), deflated: strings, declaredSize: 50 * 1024 },
    ),
  );
}

test('hostile spreadsheets are refused by the upload route, in its report or with a 4xx naming the problem', async ({ page }) => {
  test.setTimeout(120_000);
  await logIn(page, 'bj01.reporter');
  const files: [string, string, () => Buffer | Promise<Buffer>, 'report' | number][] = [
    ['broken quoting', 'a.csv', () => Buffer.from(`${header}\n"UP-2,BJ01,drones,loss,4,2026-03-04 09:30,x`), 'report'],
    [
      'formula in CSV',
      'b.csv',
      () => Buffer.from(`${header}\nUP-3,BJ01,drones,loss,4,2026-03-04 09:30,"=HYPERLINK(""http://x.test"",""x"")"`),
      'report',
    ],
    ['unknown unit and tier out of range', 'c.csv', () => Buffer.from(`${header}\nUP-4,NOPE,drones,loss,9,2026-03-04 09:30,x`), 'report'],
    ['formula cell in XLSX', 'd.xlsx', formulaXlsx, 'report'],
    ['zip bomb', 'e.xlsx', zipBomb, 'report'],
    ['noise named .xlsx', 'f.xlsx', () => Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 31) % 256)), 'report'],
    ['an executable', 'g.exe', () => Buffer.from('MZ'), 422],
    ['a file over 20 MB', 'h.csv', () => Buffer.alloc(21 * MB, 0x41), 413],
  ];
  for (const [what, name, make, expected] of files) {
    const started = Date.now();
    const res = await page.request.post('/intake/import/upload', {
      multipart: { step: 'preview', kind: 'incidents', file: { name, mimeType: 'application/octet-stream', buffer: await make() } },
      timeout: 60_000,
    });
    const text = await res.text();
    expect(res.status(), `${what}: ${text.slice(0, 300)}`).toBe(expected === 'report' ? 200 : expected);
    expect(Date.now() - started, what).toBeLessThan(30_000);
    if (expected !== 'report') {
      expect(JSON.parse(text).error, what).toEqual(expect.any(String));
      continue;
    }
    const lines = text
      .trim()
      .split('\n')
      .map(
        (l) =>
          JSON.parse(l) as {
            error?: string;
            report?: { ok: boolean; fileError?: string; problems: { row: number; column: string; message: string }[] };
          },
      );
    expect(
      lines.filter((l) => l.error),
      what,
    ).toEqual([]);
    const report = lines.at(-1)!.report!;
    expect(report.ok, what).toBe(false);
    if (!report.fileError) {
      expect(report.problems.length, what).toBeGreaterThan(0);
      for (const p of report.problems)
        expect(p.row > 0 && p.column.length > 0 && p.message.length > 0, `${what}: ${JSON.stringify(p)}`).toBe(true);
    }
  }
  // A body that is not multipart at all.
  const garbage = await page.request.post('/intake/import/upload', {
    headers: { 'content-type': 'multipart/form-data; boundary=x' },
    data: 'not multipart',
  });
  expect(garbage.status()).toBeGreaterThanOrEqual(400);
  expect(garbage.status()).toBeLessThan(500);
});
