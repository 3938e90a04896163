import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readTable } from '@/platform/spreadsheets/read/read-table';
import { buildTemplate, TEMPLATE_VALIDATION_ROWS } from '@/platform/spreadsheets/template';
import type { ColumnSpec } from '@/platform/spreadsheets/read/columns';
import { COLUMNS, HEADER_ZH } from './helpers';

const KIND = { zh: '安全事件', en: 'Incidents' };

async function load(buf: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buf as unknown as ArrayBuffer);
  return workbook;
}

function validations(sheet: ExcelJS.Worksheet): Record<string, ExcelJS.DataValidation> {
  return (sheet as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } }).dataValidations.model;
}

describe('buildTemplate', () => {
  it('writes the header, example, dropdowns, formats, frozen header and a notes sheet', async () => {
    const workbook = await load(await buildTemplate(KIND, COLUMNS, 'xlsx', 'zh-CN'));
    const data = workbook.worksheets[0]!;
    expect(data.name).toBe('安全事件');
    expect((data.getRow(1).values as unknown[]).slice(1)).toEqual(HEADER_ZH);
    expect(data.getCell('A2').value).toBe('INC-2025-001');
    expect(data.getCell('D2').value).toBe(4);
    expect(data.getCell('E2').value).toEqual(new Date(Date.UTC(2025, 2, 4, 9, 30)));
    expect(data.getCell('E2').numFmt).toBe('yyyy-mm-dd hh:mm');
    expect(data.getCell('F2').numFmt).toBe('yyyy-mm-dd');
    expect(data.getCell('H2').value).toBe('否');
    expect(data.getColumn(1).numFmt).toBe('@');
    expect(data.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(data.getColumn(7).width).toBeGreaterThan(data.getColumn(2).width!);

    // exceljs hands a validation range back one cell at a time.
    const lists = validations(data);
    expect(lists.C2).toMatchObject({ type: 'list', formulae: ['"ai,gene_editing,drones,other"'], showErrorMessage: true });
    expect(lists[`C${TEMPLATE_VALIDATION_ROWS + 1}`]).toEqual(lists.C2);
    expect(lists[`C${TEMPLATE_VALIDATION_ROWS + 2}`]).toBeUndefined();
    expect(lists.H2).toMatchObject({ type: 'list', formulae: ['"是,否"'] });
    expect(new Set(Object.keys(lists).map((address) => address[0]))).toEqual(new Set(['C', 'H']));

    const notes = workbook.getWorksheet('说明')!;
    const noteRows = notes.getSheetValues().map((row) => (Array.isArray(row) ? row.slice(1) : []));
    const listed = noteRows.filter((row) => COLUMNS.some((c) => row[1] === c.code));
    expect(listed.map((row) => row[1])).toEqual(COLUMNS.map((c) => c.code));
    expect(listed.find((row) => row[1] === 'domain')).toEqual([
      '领域 (domain)',
      'domain',
      '是',
      '从可选值中选择',
      'ai / gene_editing / drones / other',
      'ai',
    ]);
    expect(listed.find((row) => row[1] === 'concealed')?.[6]).toBe('瞒报按规则加重');
  });

  it('puts a long option list on a hidden sheet and writes English headers in English', async () => {
    const options = Array.from({ length: 40 }, (_, i) => `option_number_${i}`);
    const columns: ColumnSpec[] = [
      { code: 'kind', labelZh: '类别', labelEn: 'Kind', required: true, type: 'enum', options, example: 'option_number_1' },
    ];
    const workbook = await load(await buildTemplate(KIND, columns, 'xlsx', 'en'));
    const data = workbook.worksheets[0]!;
    expect(data.name).toBe('Incidents');
    expect(data.getCell('A1').value).toBe('Kind (kind)');
    expect(validations(data).A2).toMatchObject({ type: 'list', formulae: ["'lists'!$A$1:$A$40"] });
    const hidden = workbook.getWorksheet('lists')!;
    expect(hidden.state).toBe('hidden');
    expect(hidden.getCell('A40').value).toBe('option_number_39');
    expect(workbook.getWorksheet('Notes')).toBeDefined();
  });

  it('round-trips: fill the template in, read it back, get only the new row', async () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const workbook = await load(await buildTemplate(KIND, COLUMNS, 'xlsx', locale));
      const data = workbook.worksheets[0]!;
      data.getRow(3).values = [
        'INC-7',
        'IBP',
        'drones',
        2,
        new Date(Date.UTC(2025, 5, 1, 14, 5)),
        new Date(Date.UTC(2025, 6, 1)),
        88000,
        locale === 'en' ? 'yes' : '是',
        '无人机失控',
      ];
      data.getCell('E3').numFmt = 'yyyy-mm-dd hh:mm';
      data.getCell('F3').numFmt = 'yyyy-mm-dd';
      const filled = Buffer.from(await workbook.xlsx.writeBuffer());

      const result = await readTable(filled, 'xlsx', COLUMNS);
      expect(result.problems).toEqual([]);
      expect(result.rows).toEqual([
        {
          row: 3,
          values: {
            externalId: 'INC-7',
            unitCode: 'IBP',
            domain: 'drones',
            tier: '2',
            occurredAt: '2025-06-01T14:05:00+08:00',
            dueAt: '2025-07-01',
            directLossCny: '88000',
            concealed: 'true',
            summary: '无人机失控',
          },
        },
      ]);
    }
  });

  it('writes a UTF-8 CSV template with BOM whose example row is skipped on reading', async () => {
    const template = await buildTemplate(KIND, COLUMNS, 'csv', 'zh-CN');
    expect([...template.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = template.toString('utf8').slice(1);
    expect(text.split('\r\n')[0]).toBe(HEADER_ZH.join(','));
    expect(text.split('\r\n')[1]).toBe('INC-2025-001,IBP,ai,4,2025-03-04 09:30,2025-04-30,12000.5,否,示例：实验室通风故障');
    const filled = Buffer.concat([template, Buffer.from('INC-8,IBP,other,3,2025-06-01 08:00,,,是,"含逗号, 的摘要"\r\n')]);
    const result = await readTable(filled, 'csv', COLUMNS);
    expect(result.problems).toEqual([]);
    expect(result.rows).toEqual([
      {
        row: 3,
        values: {
          externalId: 'INC-8',
          unitCode: 'IBP',
          domain: 'other',
          tier: '3',
          occurredAt: '2025-06-01T08:00:00+08:00',
          dueAt: null,
          directLossCny: null,
          concealed: 'true',
          summary: '含逗号, 的摘要',
        },
      },
    ]);
  });
});
