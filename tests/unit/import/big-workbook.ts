import { deflateRawSync } from 'node:zlib';
import type { ColumnSpec } from '@/platform/spreadsheets/read/columns';
import { columnLetter } from '@/platform/spreadsheets/read/cells';
import { COLUMNS, sharedStringsXml, workbookParts, zipOf } from './helpers';
export const ROWS = 100_000;
const EXTRA: ColumnSpec[] = [
  { code: 'lead', labelZh: '负责人', labelEn: 'Lead', required: false, type: 'string', example: '' },
  { code: 'deaths', labelZh: '死亡人数', labelEn: 'Deaths', required: false, type: 'integer', example: '' },
  { code: 'seriousInjuries', labelZh: '重伤人数', labelEn: 'Serious injuries', required: false, type: 'integer', example: '' },
  { code: 'status', labelZh: '状态', labelEn: 'Status', required: false, type: 'enum', example: '' },
  { code: 'discoveredAt', labelZh: '发现日期', labelEn: 'Discovered', required: false, type: 'date', example: '' },
  { code: 'reportedAt', labelZh: '报告时间', labelEn: 'Reported at', required: false, type: 'datetime', example: '' },
];
export const ALL = [...COLUMNS, ...EXTRA];

/**
 * A 100,000-row, 15-column workbook shaped like Excel's own output (shared strings, styled date cells, cell
 * references), written directly: exceljs needs ~15 s to write one this size.
 */
export function bigWorkbook(): Buffer {
  const strings = ALL.map((c) => `${c.labelZh} (${c.code})`);
  const index = new Map<string, number>();
  const s = (text: string) => {
    let at = index.get(text);
    if (at === undefined) {
      at = strings.push(text) - 1;
      index.set(text, at);
    }
    return at;
  };
  const letters = ALL.map((_, col) => columnLetter(col));
  const cell = (col: number, row: number, body: string) => `<c r="${letters[col]}${row}"${body}</c>`;
  const text = (col: number, row: number, value: string) => cell(col, row, ` t="s"><v>${s(value)}</v>`);
  const num = (col: number, row: number, value: number, style = 0) => cell(col, row, `${style ? ` s="${style}"` : ''}><v>${value}</v>`);
  // Flattened to bytes every 2,000 rows: 100,000 row strings alive at once would cost seconds of GC.
  const chunks: Buffer[] = [
    Buffer.from(
      `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`,
    ),
  ];
  let parts: string[] = [`<row r="1">${strings.map((_, col) => text(col, 1, strings[col]!)).join('')}</row>`];
  for (let i = 0; i < ROWS; i++) {
    if (parts.length >= 2000) {
      chunks.push(Buffer.from(parts.join('')));
      parts = [];
    }
    const r = i + 2;
    const day = 45658 + (i % 365);
    parts.push(
      `<row r="${r}">` +
        text(0, r, `INC-${i}`) +
        text(1, r, `UNIT-${i % 50}`) +
        text(2, r, ['ai', 'drones', 'gene_editing'][i % 3]!) +
        num(3, r, 1 + (i % 4)) +
        num(4, r, day + (i % 96) / 96, 2) +
        num(5, r, day + 30, 1) +
        num(6, r, 1234567890123 + i) +
        cell(7, r, ` t="b"><v>${i % 2}</v>`) +
        text(8, r, `第 ${i % 1000} 类通风故障，已处置`) +
        text(9, r, `负责人${i % 300}`) +
        num(10, r, i % 3) +
        num(11, r, i % 5) +
        text(12, r, 'investigating') +
        num(13, r, day, 1) +
        num(14, r, day + 0.5, 2) +
        '</row>',
    );
  }
  chunks.push(Buffer.from(`${parts.join('')}</sheetData></worksheet>`));
  const sheet = Buffer.concat(chunks);
  const sst = sharedStringsXml(strings);
  return zipOf(
    workbookParts(
      {
        name: 'xl/worksheets/sheet1.xml',
        data: Buffer.alloc(0),
        deflated: { data: deflateRawSync(sheet, { level: 1 }), size: sheet.length, crc: 0 },
      },
      {
        name: 'xl/sharedStrings.xml',
        data: Buffer.alloc(0),
        deflated: { data: deflateRawSync(sst, { level: 1 }), size: sst.length, crc: 0 },
      },
    ),
  );
}
