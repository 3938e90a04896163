import { describe, expect, it } from 'vitest';
import { ratedYearRange, ratedYears, yearInAddress } from '@/domain/records/date-range';
import { shanghaiDate } from '@/domain/time/shanghai';

// Issue 14, item 7: one range of years for the API, the pages and their pickers, from 2000 to this year
// (Beijing time); a year outside it in an address is said, not replaced.
const now = shanghaiDate(2026, 12, 2);

describe('the rated years', () => {
  it('runs from 2000 to this year, newest first in the pickers', () => {
    expect(ratedYearRange(now)).toEqual({ first: 2000, last: 2026 });
    const years = ratedYears(now);
    expect(years[0]).toBe(2026);
    expect(years.at(-1)).toBe(2000);
    expect(years).toHaveLength(27);
  });

  it('turns at midnight Beijing time, not UTC', () => {
    expect(ratedYearRange(new Date('2026-12-31T16:00:00Z')).last).toBe(2027);
    expect(ratedYearRange(new Date('2026-12-31T15:59:59Z')).last).toBe(2026);
  });

  it('reads a year in an address: absent, in the range, or outside it as given', () => {
    expect(yearInAddress(undefined, now)).toEqual({ kind: 'absent' });
    expect(yearInAddress('', now)).toEqual({ kind: 'absent' });
    expect(yearInAddress('2000', now)).toEqual({ kind: 'year', year: 2000 });
    expect(yearInAddress(['2026', '1988'], now)).toEqual({ kind: 'year', year: 2026 });
    expect(yearInAddress('1988', now)).toEqual({ kind: 'outside', given: '1988' });
    expect(yearInAddress('2027', now)).toEqual({ kind: 'outside', given: '2027' });
    expect(yearInAddress('20x6', now)).toEqual({ kind: 'outside', given: '20x6' });
    expect(yearInAddress('9'.repeat(500), now)).toEqual({ kind: 'outside', given: '9'.repeat(20) });
  });
});
