import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, shanghaiDate, shanghaiMonth, shanghaiYear, ZONE } from '@/domain/time/shanghai';

// domain/time/shanghai.ts computes Beijing dates by a fixed UTC+8 shift (no time-zone lookup per call): it must agree with
// the time-zone database for every instant the product handles.
describe('Beijing dates by fixed offset', () => {
  it('agree with the tz database from 1992 to 2100, at every hour boundary sampled', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const from = Date.UTC(1992, 0, 1);
    const to = Date.UTC(2100, 0, 1);
    for (let i = 0; i < 5000; i++) {
      // Whole hours and the minute either side, where a wrong offset would show.
      const hour = Math.floor(from + next() * (to - from)) - (Math.floor(from + next() * (to - from)) % 3_600_000);
      for (const t of [hour - 60_000, hour, hour + 60_000]) {
        const at = new Date(t);
        const local = new TZDate(t, ZONE);
        expect(shanghaiYear(at)).toBe(local.getFullYear());
        expect(shanghaiMonth(at)).toBe(format(local, 'yyyy-MM'));
        expect(formatDate(at)).toBe(format(local, 'yyyy-MM-dd'));
        expect(formatDateTime(at)).toBe(format(local, 'yyyy-MM-dd HH:mm'));
      }
    }
  });

  it('builds local instants as the tz database does, days past the month end included', () => {
    for (const [y, m, d, h] of [
      [2026, 1, 1, 0],
      [2025, 12, 31, 23],
      [2026, 2, 30, 8],
      [2024, 2, 29, 6],
      [2099, 12, 31, 0],
    ] as const)
      expect(shanghaiDate(y, m, d, h).getTime()).toBe(new TZDate(y, m - 1, d, h, 0, 0, ZONE).getTime());
  });
});
