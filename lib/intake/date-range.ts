import { shanghaiDate } from '@/lib/time';

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
