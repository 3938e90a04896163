import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isDateFormat, parseTextDate, plainNumber, serialToWallClock, wallDateTime } from '@/platform/spreadsheets/read/excel-values';

describe('Excel values', () => {
  it('writes numbers plainly with at most Excel’s 15 significant digits', () => {
    const cases: [string, string][] = [
      ['0', '0'],
      ['-0', '0'],
      ['00012', '12'],
      ['12.50', '12.5'],
      ['1E+21', '1000000000000000000000'],
      ['1.2345678901234567E+17', '123456789012346000'],
      ['1.5E-7', '0.00000015'],
      ['0.30000000000000004', '0.3'],
      ['12345678901.23', '12345678901.23'],
      ['-1234.5', '-1234.5'],
      ['abc', 'abc'],
      ['1.', '1'],
      ['-0.000', '0'],
      ['-0.50', '-0.5'],
      ['+5', '5'],
    ];
    for (const [raw, plain] of cases) expect(plainNumber(raw), raw).toBe(plain);
    // Not a number: left as it is, for the column's validation to refuse.
    expect(plainNumber(`1.${'0'.repeat(9_990)}x`)).toBe(`1.${'0'.repeat(9_990)}x`);
  });

  it('reads numbers in one pass exactly as the earlier pattern did (issue 13 item 6)', () => {
    // The pattern plainNumber used before; kept here only as the reference on short inputs.
    const reference = (raw: string) => {
      const m = /^(-?)(\d+)(?:\.(\d*?)0*)?$/.exec(raw);
      if (!m || m[2]!.length + (m[3]?.length ?? 0) > 15) return null;
      const whole = m[2]!.replace(/^0+(?=\d)/, '');
      return whole === '0' && !m[3] ? '0' : m[1]! + whole + (m[3] ? `.${m[3]}` : '');
    };
    const text = fc.array(fc.constantFrom('-', '0', '0', '1', '5', '9', '.', 'e', '+', ' '), { maxLength: 20 }).map((a) => a.join(''));
    fc.assert(
      fc.property(text, (raw) => {
        const expected = reference(raw);
        if (expected !== null) expect(plainNumber(raw)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('knows date formats, built-in (including Chinese ones) and custom', () => {
    expect(isDateFormat(14, undefined)).toBe(true);
    expect(isDateFormat(31, undefined)).toBe(true); // yyyy"年"m"月"d"日" in Chinese Excel
    expect(isDateFormat(164, 'yyyy\\-mm\\-dd\\ hh:mm')).toBe(true);
    expect(isDateFormat(165, '[$-zh-CN]yyyy"年"m"月"d"日";@')).toBe(true);
    expect(isDateFormat(0, 'General')).toBe(false);
    expect(isDateFormat(166, '#,##0.00"元"')).toBe(false);
    expect(isDateFormat(167, '[Red]0.00;[Blue]-0.00')).toBe(false);
    expect(isDateFormat(49, '@')).toBe(false);
    expect(isDateFormat(168, '0.00\\d')).toBe(false); // an escaped letter is a literal
    expect(isDateFormat(169, '0;yyyy-mm-dd')).toBe(false); // only the first section counts
    expect(isDateFormat(170, '[Red"yyyy')).toBe(true); // an unclosed bracket hides nothing
    expect(isDateFormat(171, '"yy";[h]:mm')).toBe(false);
  });

  it('converts serial days in both date systems, rounding to the second', () => {
    expect(serialToWallClock(45720.395833333336, false)).toEqual({ year: 2025, month: 3, day: 4, hour: 9, minute: 30, second: 0 });
    expect(serialToWallClock(1, false)).toMatchObject({ year: 1900, month: 1, day: 1 });
    expect(serialToWallClock(61, false)).toMatchObject({ year: 1900, month: 3, day: 1 });
    expect(serialToWallClock(0, true)).toMatchObject({ year: 1904, month: 1, day: 1 });
    expect(serialToWallClock(-1, false)).toBeNull();
  });

  it('reads typed dates and gives Shanghai time with its offset of the day', () => {
    expect(parseTextDate('2025/3/4')).toEqual({ year: 2025, month: 3, day: 4, hour: 0, minute: 0, second: 0 });
    expect(parseTextDate('２０２５－０３－０４ ０９：３０')).toMatchObject({ hour: 9, minute: 30 });
    expect(parseTextDate('2025-02-29')).toBeNull();
    expect(parseTextDate('2025-03-04T00:30:00-05:00')).toMatchObject({ day: 4, hour: 13, minute: 30 });
    expect(wallDateTime({ year: 2025, month: 3, day: 4, hour: 9, minute: 30, second: 0 })).toBe('2025-03-04T09:30:00+08:00');
    expect(wallDateTime({ year: 1990, month: 7, day: 1, hour: 9, minute: 0, second: 0 })).toBe('1990-07-01T09:00:00+09:00');
    // The days summer time began and ended: an hour that never was, and offsets changing within the day.
    expect(wallDateTime({ year: 1988, month: 4, day: 17, hour: 1, minute: 30, second: 0 })).toBe('1988-04-17T01:30:00+08:00');
    expect(wallDateTime({ year: 1988, month: 4, day: 17, hour: 2, minute: 30, second: 0 })).toBe('1988-04-17T03:30:00+09:00');
    expect(wallDateTime({ year: 1988, month: 9, day: 11, hour: 0, minute: 30, second: 0 })).toBe('1988-09-11T00:30:00+09:00');
    expect(wallDateTime({ year: 1988, month: 9, day: 11, hour: 2, minute: 30, second: 0 })).toBe('1988-09-11T02:30:00+08:00');
  });
});
