import { z } from 'zod';
import { shanghaiDate, shanghaiYear } from '@/domain/time/shanghai';

// One documented range for every record date on every path (API, form, spreadsheet; README "Submitting
// records"): from 1 January 2000, Beijing time, the first year Fenghuo rates and shows. A record before it
// would be stored but never rated nor seen on a page. Dates of things that have happened (an incident, a
// finding, a report, a registration, a decision) cannot be in the future: an incident "occurring" in 2030
// would also get a default report time before it happened. Plans and deadlines may lie ahead (a hazard's
// dueAt, a project's planned start or permit, a planned inspection), up to 2100.

export const FIRST_RATED_YEAR = 2000;
export const RANGE_START = shanghaiDate(FIRST_RATED_YEAR, 1, 1);
/** Clocks of the systems that send records run a little ahead of ours. */
const CLOCK_SKEW_MS = 10 * 60_000;
/** Fields that record something that has happened. */
const HAPPENED = new Set([
  'occurredAt',
  'discoveredAt',
  'reportedAt',
  'foundAt',
  'rectifiedAt',
  'establishedAt',
  'registeredAt',
  'approvedAt',
  'reReviewedAt',
  'submittedAt',
  'decidedAt',
]);
/** No plan is made this far ahead; a year like 2200 is a typing error. */
const LAST_PLANNED = shanghaiDate(2100, 1, 1);

export interface RangeProblem {
  field: string;
  key: string;
  params?: Record<string, string | number>;
}

/** The dates of one parsed record that lie outside the range, as `validation.*` keys by field. */
export function dateRangeProblems(record: Record<string, unknown>, now: Date): RangeProblem[] {
  const out: RangeProblem[] = [];
  for (const [field, value] of Object.entries(record)) {
    if (!(value instanceof Date)) continue;
    if (value < RANGE_START) out.push({ field, key: 'validation.beforeRange', params: { year: FIRST_RATED_YEAR } });
    else if (HAPPENED.has(field) && value.getTime() > now.getTime() + CLOCK_SKEW_MS) out.push({ field, key: 'validation.inFuture' });
    else if (value >= LAST_PLANNED) out.push({ field, key: 'validation.tooFarAhead' });
  }
  return out;
}

/**
 * The years Fenghuo rates and shows: from FIRST_RATED_YEAR to this year (Beijing time). One range for the
 * API (`GET /api/v1/ratings?year=`), every page that takes a year in its address, and their year pickers.
 */
export function ratedYearRange(now: Date): { first: number; last: number } {
  return { first: FIRST_RATED_YEAR, last: shanghaiYear(now) };
}

/** The range's years, newest first, as the year pickers offer them. */
export function ratedYears(now: Date): number[] {
  const { first, last } = ratedYearRange(now);
  return Array.from({ length: last - first + 1 }, (_, i) => last - i);
}

/** A year as typed in an address: four digits, or null. */
export function parseYear(value: unknown): number | null {
  if (typeof value === 'number') return Number.isInteger(value) ? value : null;
  return typeof value === 'string' && /^\s*\d{4}\s*$/.test(value) ? Number(value) : null;
}

/**
 * A page's `year` in its address: absent (the page picks its default), a year in the range, or what was
 * given when it is outside the range or not a year at all. The last is said to the reader with the range,
 * never silently replaced by another year (issue 14, item 7).
 */
export type YearInAddress = { kind: 'absent' } | { kind: 'year'; year: number } | { kind: 'outside'; given: string };

export function yearInAddress(value: string | string[] | undefined, now: Date): YearInAddress {
  const text = Array.isArray(value) ? value[0] : value;
  if (text === undefined || text === '') return { kind: 'absent' };
  const year = parseYear(text);
  const { first, last } = ratedYearRange(now);
  if (year !== null && year >= first && year <= last) return { kind: 'year', year };
  return { kind: 'outside', given: text.slice(0, 20) };
}

/** A query's year for zod, refused with the range named (`validation.yearOutside`, in the caller's language). */
export function ratedYearSchema(now: Date) {
  const { first, last } = ratedYearRange(now);
  return z.unknown().transform((value, ctx) => {
    const year = parseYear(value);
    if (year !== null && year >= first && year <= last) return year;
    ctx.addIssue({ code: 'custom', message: 'validation.yearOutside', params: { first, last } });
    return z.NEVER;
  });
}
