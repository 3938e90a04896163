import ExcelJS from 'exceljs';

// Incident spreadsheets as people fill in the template: each column headed `label (code)`.

const LABELS = {
  externalId: '事件编号',
  unitCode: '单位代码',
  domain: '领域',
  dimension: '风险维度',
  tier: '事件等级',
  occurredAt: '发生时间',
  reportedAt: '报告时间',
  deaths: '死亡人数',
  summary: '事件概述',
} as const;

/** The template's header cells for the columns a test fills in, in that order. */
export function incidentHeader(...codes: (keyof typeof LABELS)[]): string[] {
  return codes.map((code) => `${LABELS[code]} (${code})`);
}

/** An XLSX written by exceljs of `header` and `rows`, on a sheet named as the template names it. */
export async function incidentXlsx(header: string[], rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('事件');
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
