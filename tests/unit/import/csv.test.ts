import { describe, expect, it } from 'vitest';
import { ImportFileError, readTable } from '@/platform/spreadsheets/read/read-table';
import { COLUMNS, HEADER_ZH } from './helpers';

/** A GBK encoder built from the decoder Node has, since Node ships none. */
function gbk(text: string): Buffer {
  const table = new Map<string, number[]>();
  const decoder = new TextDecoder('gbk');
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      const ch = decoder.decode(Uint8Array.of(lead, trail));
      if (ch.length === 1 && !table.has(ch)) table.set(ch, [lead, trail]);
    }
  }
  return Buffer.from([...text].flatMap((ch) => (ch.charCodeAt(0) < 0x80 ? [ch.charCodeAt(0)] : table.get(ch)!)));
}

const LINES = [HEADER_ZH.join(','), 'INC-1,IBP,ai,1,2025-03-04 09:30,,,否,二号楼通风故障'];
const EXPECTED = { externalId: 'INC-1', concealed: 'false', summary: '二号楼通风故障', occurredAt: '2025-03-04T09:30:00+08:00' };

async function refusal(buf: Buffer): Promise<ImportFileError> {
  const error = await readTable(buf, 'csv', COLUMNS).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportFileError);
  return error as ImportFileError;
}

describe('readTable: CSV encodings and syntax', () => {
  it('reads UTF-8 with and without BOM, GBK as Chinese Excel saves it, and UTF-16 text', async () => {
    const text = LINES.join('\r\n');
    const files = [
      Buffer.from(text, 'utf8'),
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]),
      gbk(text),
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(LINES.map((l) => l.replace(/,/g, '\t')).join('\r\n'), 'utf16le')]),
    ];
    expect(new TextDecoder('gb18030').decode(gbk('事件编号'))).toBe('事件编号');
    for (const file of files) {
      const result = await readTable(file, 'csv', COLUMNS);
      expect(result.problems).toEqual([]);
      expect(result.rows[0]!.values).toMatchObject(EXPECTED);
    }
  });

  it('takes semicolons as separators when the header uses them', async () => {
    const result = await readTable(Buffer.from(LINES.map((l) => l.replace(/,/g, ';')).join('\n')), 'csv', COLUMNS);
    expect(result.rows[0]!.values).toMatchObject(EXPECTED);
  });

  it('counts a quoted multi-line cell as one row, as Excel shows it', async () => {
    const result = await readTable(
      Buffer.from([HEADER_ZH.join(','), 'A,IBP,ai,1,2025-01-01,,,,"line 1\nline 2"', 'B,IBP,ai,1,2025-01-01'].join('\n')),
      'csv',
      COLUMNS,
    );
    expect(result.rows.map((r) => [r.row, r.values.summary])).toEqual([
      [2, 'line 1\nline 2'],
      [3, null],
    ]);
  });

  it('refuses broken quoting with the row where the broken record starts, never crashing', async () => {
    const unclosed = await refusal(
      Buffer.from([HEADER_ZH.join(','), 'A,IBP,ai,1,2025-01-01', 'B,IBP,ai,1,"2025-01-01', 'C,IBP,ai,1,2025-01-01'].join('\n')),
    );
    expect(unclosed).toMatchObject({ key: 'import.badQuoting', params: { row: 3 } });
    expect(unclosed.localized('zh-CN')).toContain('第 3 行');

    const strayAfterQuote = await refusal(
      Buffer.from([HEADER_ZH.join(','), 'A,IBP,ai,1,2025-01-01', 'B,IBP,ai,1,"2025"-01-01'].join('\n')),
    );
    expect(strayAfterQuote).toMatchObject({ key: 'import.badQuoting', params: { row: 3 } });

    // Excel writes a quote inside a cell doubled in a quoted cell; a bare one is read strictly too.
    const inch = await refusal(Buffer.from([HEADER_ZH.join(','), 'A,IBP,ai,1,2025-01-01,,,,5" screen'].join('\n')));
    expect(inch).toMatchObject({ key: 'import.badQuoting', params: { row: 2 } });
    const doubled = await readTable(Buffer.from([HEADER_ZH.join(','), 'A,IBP,ai,1,2025-01-01,,,,"5"" screen"'].join('\n')), 'csv', COLUMNS);
    expect(doubled.rows[0]!.values.summary).toBe('5" screen');
  });

  it('refuses a binary file sent as CSV', async () => {
    expect((await refusal(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 1, 2]))).key).toBe('import.notSpreadsheet');
  });
});
