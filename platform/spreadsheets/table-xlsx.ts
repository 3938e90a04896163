import ExcelJS from 'exceljs';
import type { Level } from '@/domain/reference/level-codes';
import { levelFills, textColorOn } from '@/platform/pdf/colors';
import { escapeCell } from '@/platform/spreadsheets/escape-cell';

export type ExportCell = string | number | null | { text: string | number; level?: Level };

/** A table as the user sees it on a page: the same rows, headers in the viewer's language. */
export interface ExportTable {
  /** File and sheet name (without extension). */
  title: string;
  /** Lines under the title: scope, filters, when it was drawn. */
  notes?: string[];
  columns: { header: string; width?: number }[];
  rows: ExportCell[][];
}

/**
 * One XLSX for any table in the product. Every string cell goes through escapeCell, so a unit name or a
 * description that starts with `=` arrives as text, never as a formula; level cells keep their colour and
 * their word.
 */
export async function tableXlsx(table: ExportTable, creator: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = creator;
  const ws = wb.addWorksheet(sheetName(table.title));
  ws.addRow([escapeCell(table.title)]).font = { bold: true, size: 14 };
  for (const note of table.notes ?? []) ws.addRow([escapeCell(note)]);
  ws.addRow([]);
  const headerRow = ws.addRow(table.columns.map((c) => escapeCell(c.header)));
  headerRow.font = { bold: true };
  for (const cells of table.rows) {
    const row = ws.addRow(cells.map((c) => escapeCell(c !== null && typeof c === 'object' ? c.text : c)));
    cells.forEach((c, i) => {
      if (c === null || typeof c !== 'object' || !c.level) return;
      const fill = levelFills[c.level];
      const cell = row.getCell(i + 1);
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${fill.slice(1)}` } };
      cell.font = { color: { argb: `FF${textColorOn(fill).slice(1)}` } };
    });
  }
  ws.columns = table.columns.map((c) => ({ width: c.width ?? 14 }));
  ws.views = [{ state: 'frozen', ySplit: headerRow.number }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// Excel refuses sheet names over 31 characters or with []:*?/\ in them.
function sheetName(title: string): string {
  return title.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Sheet1';
}

/** The download response for a file the product drew; the name is ASCII-safe with a UTF-8 variant. */
export function downloadResponse(body: Buffer, fileName: string, asciiName: string, contentType: string): Response {
  return new Response(new Uint8Array(body), {
    headers: {
      'content-type': contentType,
      'content-disposition': `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      'cache-control': 'no-store',
    },
  });
}

/**
 * The most rows one exported file holds (issue 13). Every table in the registry is bounded by its own page
 * (lists show their first rows, heatmaps one row per institute); this is the backstop that refuses, with a
 * message, rather than building an unbounded file in the server's memory.
 */
export const MAX_EXPORT_ROWS = 100_000;

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
