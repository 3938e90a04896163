import { z } from 'zod';
import { FIRST_RATED_YEAR } from '@/domain/records/date-range';
import { levels } from '@/domain/reference/level-codes';
import { DAY_MS, shanghaiDate, shanghaiYear, yearStart } from '@/domain/time/shanghai';

// The dashboards' filters, all in the URL so a view can be bookmarked and shared. Anything malformed is
// dropped rather than refused: a hand-edited address still shows a dashboard.
const code = z
  .string()
  .trim()
  .regex(/^[\w.-]{1,64}$/)
  .optional()
  .catch(undefined);

export const dashboardQuerySchema = z.object({
  // The pages say a year outside the range before parsing (components/year-outside-range.tsx); exports drop it.
  year: z.coerce.number().int().min(FIRST_RATED_YEAR).max(2100).optional().catch(undefined),
  branch: code,
  unit: code,
  domain: code,
  dimension: code,
  stage: z.enum(['initiation', 'implementation', 'output', 'change']).optional().catch(undefined),
  kind: z.enum(['incidents', 'hazards', 'assessments']).optional().catch(undefined),
  level: z.enum(levels).optional().catch(undefined),
  /** Institutes × domains: rating points (default) or record counts. */
  mode: z.enum(['points', 'counts']).optional().catch(undefined),
  sort: z.enum(['total', 'name']).optional().catch(undefined),
  /** Branch groups shown open, comma-separated codes, or "all". */
  open: z.string().max(2000).optional().catch(undefined),
});

export type DashboardQuery = z.output<typeof dashboardQuerySchema>;

/** The query's address with some parameters changed (undefined drops one). */
export function dashboardHref(
  path: string,
  query: DashboardQuery,
  change: Partial<Record<keyof DashboardQuery, string | number | undefined>>,
) {
  const merged: Record<string, string | number | undefined> = { ...query, ...change };
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(merged)) if (v !== undefined && v !== '') params.set(k, String(v));
  const s = params.toString();
  return `${path}${s ? `?${s}` : ''}`;
}

export interface Window {
  year: number;
  from: Date;
  /** Exclusive: the start of the day after the last day counted. */
  to: Date;
  /** The same window's bounds as the record lists' `from`/`to` day filters (both inclusive). */
  fromDay: string;
  toDay: string;
}

const dayText = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * A year's window as the dashboards count it: year to date (through today, Beijing time) for the current
 * year, the whole year for a past one. Whole days, so that a count equals the list its cell opens.
 */
export function yearWindow(year: number, now: Date): Window {
  const from = yearStart(year);
  const current = shanghaiYear(now);
  const today = shanghaiDate(current, 1, 1).getTime() + Math.floor((now.getTime() - yearStart(current).getTime()) / DAY_MS) * DAY_MS;
  const to = year >= current ? new Date(today + DAY_MS) : yearStart(year + 1);
  return { year, from, to, fromDay: dayText(from), toDay: dayText(new Date(to.getTime() - DAY_MS)) };
}

/** The calendar months from `months - 1` months before now's month through now's month, oldest first. */
export function lastMonths(now: Date, months: number): { month: string; from: Date; to: Date; fromDay: string; toDay: string }[] {
  const [y, m] = dayText(now).split('-').map(Number) as [number, number];
  const out = [];
  for (let k = months - 1; k >= 0; k--) {
    const index = y * 12 + (m - 1) - k;
    const year = Math.floor(index / 12);
    const month = (index % 12) + 1;
    const from = shanghaiDate(year, month, 1);
    const to = shanghaiDate(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1);
    out.push({
      month: `${year}-${String(month).padStart(2, '0')}`,
      from,
      to,
      fromDay: dayText(from),
      toDay: dayText(new Date(to.getTime() - DAY_MS)),
    });
  }
  return out;
}
