import { shanghaiDate, shanghaiMonth } from '@/domain/time/shanghai';

// Calendar months as 'YYYY-MM', bounded in Asia/Shanghai (RATING.md §1).

export const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonth(value: string): boolean {
  const m = MONTH_PATTERN.exec(value);
  return Boolean(m) && Number(m![1]) >= 2000 && Number(m![1]) <= 2100;
}

function parts(month: string): [number, number] {
  const m = MONTH_PATTERN.exec(month);
  if (!m) throw new Error(`Not a month (YYYY-MM): ${month}`);
  return [Number(m[1]), Number(m[2])];
}

export function addMonths(month: string, k: number): string {
  const [y, m] = parts(month);
  const index = y * 12 + (m - 1) + k;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The instant the month starts (00:00 on the 1st, Shanghai). */
export function monthStart(month: string): Date {
  const [y, m] = parts(month);
  return shanghaiDate(y, m, 1);
}

/** The instant the month ends: the start of the next one (exclusive). */
export function monthEnd(month: string): Date {
  return monthStart(addMonths(month, 1));
}

export function monthYear(month: string): number {
  return parts(month)[0];
}

/** When month M's bulletin is due: 08:00 Shanghai on the 1st of the following month. */
export function bulletinDueAt(month: string): Date {
  const [y, m] = parts(addMonths(month, 1));
  return shanghaiDate(y, m, 1, 8);
}

/** The latest month whose bulletin is due at `now`. */
export function latestDueMonth(now: Date): string {
  const previous = addMonths(shanghaiMonth(now), -1);
  return now.getTime() >= bulletinDueAt(previous).getTime() ? previous : addMonths(previous, -1);
}

/** Months from `from` to `to`, both included (empty when from > to). */
export function monthRange(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from; m <= to; m = addMonths(m, 1)) out.push(m);
  return out;
}
