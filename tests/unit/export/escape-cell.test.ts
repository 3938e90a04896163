import { describe, expect, it } from 'vitest';
import { escapeCell } from '@/platform/spreadsheets/escape-cell';

describe('escapeCell', () => {
  it('prefixes an apostrophe to strings a spreadsheet would run as a formula', () => {
    expect(escapeCell('=HYPERLINK("http://evil.example","click")')).toBe(`'=HYPERLINK("http://evil.example","click")`);
    expect(escapeCell('+cmd|" /C calc"!A0')).toBe(`'+cmd|" /C calc"!A0`);
    expect(escapeCell('-2+3')).toBe("'-2+3");
    expect(escapeCell('@SUM(A1:A9)')).toBe("'@SUM(A1:A9)");
    expect(escapeCell('\t=1+1')).toBe("'\t=1+1");
    expect(escapeCell('\r=1+1')).toBe("'\r=1+1");
  });

  it('leaves everything else alone', () => {
    for (const value of ['通风故障', 'a=b', ' =1', "'quoted", '', 'INC-001']) expect(escapeCell(value)).toBe(value);
    expect(escapeCell(-12.5)).toBe(-12.5);
    expect(escapeCell(0)).toBe(0);
    expect(escapeCell(true)).toBe(true);
    expect(escapeCell(null)).toBeNull();
    expect(escapeCell(undefined)).toBeUndefined();
    const date = new Date('2025-03-04T01:30:00Z');
    expect(escapeCell(date)).toBe(date);
  });
});
