import { describe, expect, it } from 'vitest';
import { addMonths, bulletinDueAt, isMonth, latestDueMonth, monthEnd, monthRange, monthStart } from '@/domain/time/months';

describe('bulletin months (Asia/Shanghai)', () => {
  it('bounds a month in Beijing time', () => {
    expect(monthStart('2026-01').toISOString()).toBe('2025-12-31T16:00:00.000Z');
    expect(monthEnd('2026-12').toISOString()).toBe('2026-12-31T16:00:00.000Z');
  });

  it('steps across years', () => {
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2025-12', 1)).toBe('2026-01');
    expect(addMonths('2026-03', -14)).toBe('2025-01');
    expect(addMonths('2026-06', -7)).toBe('2025-11');
    expect(monthRange('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthRange('2026-03', '2026-02')).toEqual([]);
  });

  it('a month is due at 08:00 Beijing time on the 1st of the next month', () => {
    expect(bulletinDueAt('2025-12').toISOString()).toBe('2026-01-01T00:00:00.000Z');
    // 23:59 UTC on 31 December is already 1 January 07:59 in Shanghai: November is the latest due.
    expect(latestDueMonth(new Date('2025-12-31T23:59:00Z'))).toBe('2025-11');
    expect(latestDueMonth(new Date('2026-01-01T00:00:00Z'))).toBe('2025-12');
    expect(latestDueMonth(new Date('2026-11-23T08:00:00Z'))).toBe('2026-10');
  });

  it('accepts only YYYY-MM', () => {
    expect(['2026-10', '2000-01'].every(isMonth)).toBe(true);
    expect(['2026-13', '2026-1', '26-10', '2026-00', '1999-12', '2026-10-01', ''].some(isMonth)).toBe(false);
  });
});
