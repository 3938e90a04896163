import { expect, it } from 'vitest';
import { formatDateTime, shanghaiDate, shanghaiMonth, shanghaiYear, yearStart } from '@/domain/time/shanghai';

it('puts year and month boundaries at Asia/Shanghai midnight', () => {
  expect(yearStart(2026).toISOString()).toBe('2025-12-31T16:00:00.000Z');
  expect(shanghaiDate(2026, 4, 1).toISOString()).toBe('2026-03-31T16:00:00.000Z');
  expect(shanghaiYear(new Date('2025-12-31T15:59:59.999Z'))).toBe(2025);
  expect(shanghaiYear(new Date('2025-12-31T16:00:00.000Z'))).toBe(2026);
  expect(shanghaiMonth(new Date('2026-01-31T16:00:00Z'))).toBe('2026-02');
  expect(formatDateTime(new Date('2026-03-04T01:30:00Z'))).toBe('2026-03-04 09:30');
});
