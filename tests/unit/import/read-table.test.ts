import { describe, expect, it } from 'vitest';
import { ImportFileError, readTable } from '@/platform/spreadsheets/read/read-table';
import { COLUMNS, HEADER_ZH, xlsxOf } from './helpers';

const csv = (lines: string[]) => Buffer.from(lines.join('\r\n') + '\r\n', 'utf8');

/** Runs `fn` and returns the ImportFileError it throws. */
async function fileError(promise: Promise<unknown>): Promise<ImportFileError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportFileError);
  return error as ImportFileError;
}

const EXPECTED = {
  externalId: 'INC-1',
  unitCode: 'IBP',
  domain: 'ai',
  tier: '2',
  occurredAt: '2025-03-04T09:30:00+08:00',
  dueAt: '2025-04-30',
  directLossCny: '123456789012.5',
  concealed: 'true',
  summary: '通风故障, "二号楼"',
};

/** Date cells as Excel stores them: the wall-clock reading in a date-formatted cell. */
function formatDates(sheet: import('exceljs').Worksheet) {
  sheet.getColumn(5).numFmt = 'yyyy-mm-dd hh:mm';
  sheet.getColumn(6).numFmt = 'yyyy-mm-dd';
  sheet.eachRow((row) => {
    row.getCell(5).numFmt = 'yyyy-mm-dd hh:mm';
    row.getCell(6).numFmt = 'yyyy-mm-dd';
  });
}

describe('readTable: XLSX and CSV', () => {
  it('reads the same rows from a good XLSX and the same data as CSV', async () => {
    const xlsx = await xlsxOf(
      [
        HEADER_ZH,
        [
          'INC-1',
          'IBP',
          'ai',
          2,
          new Date(Date.UTC(2025, 2, 4, 9, 30)),
          new Date(Date.UTC(2025, 3, 30)),
          123456789012.5,
          true,
          '通风故障, "二号楼"',
        ],
      ],
      formatDates,
    );
    const fromCsv = csv([HEADER_ZH.join(','), 'INC-1, IBP ,ai,2,2025-03-04 09:30,2025/4/30,123456789012.5,是,"通风故障, ""二号楼"""']);
    const a = await readTable(xlsx, 'xlsx', COLUMNS);
    const b = await readTable(fromCsv, 'csv', COLUMNS);
    expect(a).toEqual({ rows: [{ row: 2, values: EXPECTED }], problems: [] });
    expect(b).toEqual(a);
  });

  it('maps every header form: template zh/en, bare code, bare label, full-width brackets, any order', async () => {
    const header = [
      'External ID (externalId)',
      'unitCode',
      '领域',
      'Tier',
      '发生时间（occurredAt）',
      ' due date ',
      '直接经济损失（元） (directLossCny)',
      '*是否瞒报*',
      'summary',
    ];
    const row = ['INC-1', 'IBP', 'ai', '2', '2025-03-04 09:30', '2025-04-30', '123456789012.5', 'yes', '通风故障, "二号楼"'];
    const result = await readTable(await xlsxOf([header, row]), 'xlsx', COLUMNS);
    expect(result.problems).toEqual([]);
    expect(result.rows[0]!.values).toEqual(EXPECTED);

    const shuffled = await readTable(
      csv(['summary,unitCode,externalId,domain,tier,occurredAt', 'x,IBP,INC-2,ai,1,2025-01-01T00:00:00Z']),
      'csv',
      COLUMNS,
    );
    expect(shuffled.rows[0]!.values).toMatchObject({
      summary: 'x',
      unitCode: 'IBP',
      externalId: 'INC-2',
      occurredAt: '2025-01-01T08:00:00+08:00',
    });
    expect(shuffled.rows[0]!.values.dueAt).toBeNull();
  });

  it('turns date cells, date-time cells and text dates into the stated ISO forms', async () => {
    const rows = [
      [new Date(Date.UTC(2025, 2, 4, 9, 30, 15)), new Date(Date.UTC(2025, 11, 31))],
      [new Date(Date.UTC(2025, 2, 4)), new Date(Date.UTC(2025, 11, 31, 23, 59))],
      ['2025/3/4 9:30', '2025年12月31日'],
      ['2025-03-04T01:30:00Z', '2025-12-31 23:00:00'],
      ['2025-03-04 09:30+02:00', '2025-13-01'],
      // China observed summer time 1986-1991: the tz database knows, a hand-written +08:00 would not.
      [new Date(Date.UTC(1988, 6, 1, 12, 0)), 'not a date'],
    ];
    const columns = [
      { code: 'at', labelZh: '时间', labelEn: 'At', required: true, type: 'datetime' as const, example: '' },
      { code: 'day', labelZh: '日期', labelEn: 'Day', required: false, type: 'date' as const, example: '' },
    ];
    const xlsx = await xlsxOf([['at', 'day'], ...rows], (sheet) =>
      sheet.eachRow((row, n) => {
        if (n > 1) row.eachCell((cell) => (cell.numFmt = 'yyyy-mm-dd hh:mm:ss'));
      }),
    );
    const result = await readTable(xlsx, 'xlsx', columns);
    expect(result.rows.map((r) => r.values)).toEqual([
      { at: '2025-03-04T09:30:15+08:00', day: '2025-12-31' },
      { at: '2025-03-04T00:00:00+08:00', day: '2025-12-31' },
      { at: '2025-03-04T09:30:00+08:00', day: '2025-12-31' },
      { at: '2025-03-04T09:30:00+08:00', day: '2025-12-31' },
      { at: '2025-03-04T15:30:00+08:00', day: '2025-13-01' },
      { at: '1988-07-01T12:00:00+09:00', day: 'not a date' },
    ]);
  });

  it('writes numbers in plain decimal notation, as Excel shows them', async () => {
    const columns = [{ code: 'n', labelZh: '金额', labelEn: 'Amount', required: true, type: 'number' as const, example: '' }];
    const values = [123456789012345, 1e20, 0.1 + 0.2, -0.000001, 12345678901.23, 3];
    const result = await readTable(await xlsxOf([['n'], ...values.map((v) => [v]), ['1,234,567.5']]), 'xlsx', columns);
    expect(result.rows.map((r) => r.values.n)).toEqual([
      '123456789012345',
      '100000000000000000000',
      '0.3',
      '-0.000001',
      '12345678901.23',
      '3',
      '1234567.5',
    ]);
  });

  it('normalises booleans from cells, words and numbers', async () => {
    const columns = [{ code: 'b', labelZh: '是否', labelEn: 'Flag', required: true, type: 'boolean' as const, example: '' }];
    const cells = [true, false, '是', '否', 'YES', 'no', 1, 0, '1', 'TRUE', '也许'];
    const result = await readTable(await xlsxOf([['b'], ...cells.map((v) => [v])]), 'xlsx', columns);
    expect(result.rows.map((r) => r.values.b)).toEqual([
      'true',
      'false',
      'true',
      'false',
      'true',
      'false',
      'true',
      'false',
      'true',
      'true',
      '也许',
    ]);
  });

  it('refuses a formula cell at its row and column, without evaluating it', async () => {
    const row = [
      'INC-1',
      'IBP',
      'ai',
      2,
      '2025-03-04 09:30',
      null,
      null,
      null,
      { formula: 'HYPERLINK("http://evil.example","click")', result: 'click' },
    ];
    const xlsx = await xlsxOf([HEADER_ZH, ['INC-0', 'IBP', 'ai', 1, '2025-03-04 09:30'], row]);
    const result = await readTable(xlsx, 'xlsx', COLUMNS);
    expect(result.problems).toEqual([{ row: 3, column: 'summary', key: 'import.formulaRefused' }]);
    expect(result.rows[1]).toMatchObject({ row: 3, values: { externalId: 'INC-1', summary: null } });

    const fromCsv = await readTable(
      csv([HEADER_ZH.join(','), 'INC-1,IBP,ai,2,2025-03-04 09:30,,,,"=HYPERLINK(""http://evil.example"",""click"")"']),
      'csv',
      COLUMNS,
    );
    expect(fromCsv.problems).toEqual([{ row: 2, column: 'summary', key: 'import.formulaRefused' }]);
  });

  it('skips empty rows but keeps the row numbers the user sees', async () => {
    const xlsx = await xlsxOf([
      HEADER_ZH,
      ['INC-1', 'IBP', 'ai', 1, '2025-03-04'],
      [],
      ['  ', null, ''],
      ['INC-2', 'IBP', 'ai', 1, '2025-03-05'],
    ]);
    expect((await readTable(xlsx, 'xlsx', COLUMNS)).rows.map((r) => [r.row, r.values.externalId])).toEqual([
      [2, 'INC-1'],
      [5, 'INC-2'],
    ]);
    const fromCsv = await readTable(
      csv([HEADER_ZH.join(','), 'INC-1,IBP,ai,1,2025-03-04', '', ',,,', 'INC-2,IBP,ai,1,2025-03-05']),
      'csv',
      COLUMNS,
    );
    expect(fromCsv.rows.map((r) => r.row)).toEqual([2, 5]);
  });

  it('recognises the template example row by its values and skips it, but keeps an edited one', async () => {
    const example = ['INC-2025-001', 'IBP', 'ai', '4', '2025-03-04 09:30', '2025-04-30', '12000.5', '否', '示例：实验室通风故障'];
    const edited = [...example];
    edited[0] = 'INC-9';
    const result = await readTable(csv([HEADER_ZH.join(','), example.join(','), edited.join(',')]), 'csv', COLUMNS);
    expect(result.rows.map((r) => r.row)).toEqual([3]);
  });

  it('refuses a file without a required column, naming it in both languages', async () => {
    const error = await fileError(readTable(csv(['externalId,domain,tier,occurredAt', 'A,ai,1,2025-01-01']), 'csv', COLUMNS));
    expect(error.key).toBe('import.missingColumn');
    expect(error.params.column).toBe('unitCode');
    expect(error.localized('zh-CN')).toContain('单位代码 (unitCode)');
    expect(error.message).toContain('Unit code (unitCode)');
  });

  it('refuses too many rows and an oversized file', async () => {
    const lines = [HEADER_ZH.join(','), ...Array.from({ length: 6 }, (_, i) => `INC-${i},IBP,ai,1,2025-01-01`)];
    expect((await readTable(csv(lines), 'csv', COLUMNS, { maxRows: 6 })).rows).toHaveLength(6);
    const tooMany = await fileError(readTable(csv(lines), 'csv', COLUMNS, { maxRows: 5 }));
    expect(tooMany).toMatchObject({ key: 'import.tooManyRows', params: { max: 5 } });
    const xlsx = await xlsxOf(lines.map((line) => line.split(',')));
    expect((await fileError(readTable(xlsx, 'xlsx', COLUMNS, { maxRows: 5 }))).key).toBe('import.tooManyRows');

    const tooLarge = await fileError(readTable(Buffer.alloc(3 * 1024 * 1024), 'xlsx', COLUMNS, { maxBytes: 2 * 1024 * 1024 }));
    expect(tooLarge).toMatchObject({ key: 'import.fileTooLarge', params: { maxMb: 2 } });
    expect((await fileError(readTable(Buffer.alloc(21 * 1024 * 1024), 'csv', COLUMNS))).params).toEqual({ maxMb: 20 });
  });

  it('reports unknown and header-less columns instead of dropping their data silently', async () => {
    const result = await readTable(
      csv([[...HEADER_ZH, '备注', ''].join(','), ['INC-1', 'IBP', 'ai', '1', '2025-01-01', '', '', '', '', 'note', 'stray'].join(',')]),
      'csv',
      COLUMNS,
    );
    expect(result.problems).toEqual([
      { row: 1, column: '备注', key: 'import.unknownColumn', params: { column: '备注' } },
      { row: 2, column: 'K', key: 'import.unlabeledColumn', params: { column: 'K' } },
    ]);
    expect(result.rows).toHaveLength(1);
  });

  it('refuses over-long cells and error values per cell, duplicate columns and unknown formats per file', async () => {
    const long = await readTable(
      csv(['externalId,unitCode,domain,tier,occurredAt', 'A,IBP,ai,1,2025-01-01', `${'x'.repeat(11)},IBP,ai,1,2025-01-01`]),
      'csv',
      COLUMNS,
      {
        maxCellChars: 10,
      },
    );
    expect(long.problems).toEqual([{ row: 3, column: 'externalId', key: 'import.cellTooLong', params: { max: 10 } }]);

    const errorCell = await readTable(await xlsxOf([HEADER_ZH, ['A', 'IBP', 'ai', { error: '#N/A' }, '2025-01-01']]), 'xlsx', COLUMNS);
    expect(errorCell.problems).toEqual([{ row: 2, column: 'tier', key: 'import.cellError', params: { value: '#N/A' } }]);

    const duplicate = await fileError(readTable(csv([`${HEADER_ZH.join(',')},externalId`]), 'csv', COLUMNS));
    expect(duplicate).toMatchObject({ key: 'import.duplicateColumn', params: { column: 'externalId', letter: 'J' } });

    expect((await fileError(readTable(Buffer.from('a'), 'xls' as 'csv', COLUMNS))).key).toBe('import.unknownFormat');
    expect((await fileError(readTable(Buffer.from('\r\n\r\n'), 'csv', COLUMNS))).key).toBe('import.emptyFile');
  });
});
