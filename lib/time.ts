import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';

// Every period boundary in the product is in Asia/Shanghai (RATING.md §1); storage is UTC.
export const ZONE = 'Asia/Shanghai';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/** The instant of local midnight starting `year-month-day` (month 1-12) in Asia/Shanghai. */
export function shanghaiDate(year: number, month: number, day: number, hour = 0, minute = 0): Date {
  return new Date(new TZDate(year, month - 1, day, hour, minute, 0, ZONE).getTime());
}

/** Start of local year Y. */
export function yearStart(year: number): Date {
  return shanghaiDate(year, 1, 1);
}

/** The local calendar year an instant falls in. */
export function shanghaiYear(at: Date): number {
  return new TZDate(at.getTime(), ZONE).getFullYear();
}

/** The local calendar month of an instant as YYYY-MM. */
/** The Beijing calendar day an instant falls in, as a day number (changes at Beijing midnight). */
export function shanghaiDayNumber(at: Date): number {
  return Math.floor((at.getTime() + 8 * HOUR_MS) / DAY_MS);
}

export function shanghaiMonth(at: Date): string {
  return format(new TZDate(at.getTime(), ZONE), 'yyyy-MM');
}

export function formatDate(at: Date | null | undefined): string {
  return at ? format(new TZDate(at.getTime(), ZONE), 'yyyy-MM-dd') : '';
}

export function formatDateTime(at: Date | null | undefined): string {
  return at ? format(new TZDate(at.getTime(), ZONE), 'yyyy-MM-dd HH:mm') : '';
}
