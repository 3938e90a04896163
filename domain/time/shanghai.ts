// Every period boundary in the product is in Asia/Shanghai (RATING.md §1); storage is UTC.
export const ZONE = 'Asia/Shanghai';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

// Asia/Shanghai has kept UTC+8 without daylight saving since 1991 (shanghaiDayNumber assumed it already),
// so local dates are plain arithmetic on the instant shifted by eight hours. A time-zone database lookup per
// call (date-fns/tz) made domain.surge (one call per record) and the demo's year of alert runs slow.
const OFFSET_MS = 8 * HOUR_MS;

/** The instant of local midnight starting `year-month-day` (month 1-12) in Asia/Shanghai. */
export function shanghaiDate(year: number, month: number, day: number, hour = 0, minute = 0): Date {
  return new Date(Date.UTC(year, month - 1, day, hour, minute) - OFFSET_MS);
}

/** Start of local year Y. */
export function yearStart(year: number): Date {
  return shanghaiDate(year, 1, 1);
}

const shifted = (at: Date) => new Date(at.getTime() + OFFSET_MS);

/** The local calendar year an instant falls in. */
export function shanghaiYear(at: Date): number {
  return shifted(at).getUTCFullYear();
}

/** The Beijing calendar day an instant falls in, as a day number (changes at Beijing midnight). */
export function shanghaiDayNumber(at: Date): number {
  return Math.floor((at.getTime() + 8 * HOUR_MS) / DAY_MS);
}

/** The local calendar month of an instant as YYYY-MM. */
export function shanghaiMonth(at: Date): string {
  const d = shifted(at);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

export function formatDate(at: Date | null | undefined): string {
  return at ? shifted(at).toISOString().slice(0, 10) : '';
}

export function formatDateTime(at: Date | null | undefined): string {
  return at ? shifted(at).toISOString().slice(0, 16).replace('T', ' ') : '';
}
