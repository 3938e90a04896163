import { z } from 'zod';
import { shanghaiDate } from '@/domain/time/shanghai';

// API.md: timestamps are ISO 8601 with an offset; a bare date means 00:00 Asia/Shanghai of that day; a
// timestamp without an offset is ambiguous and refused. Forms and spreadsheets go through the same parser.
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;
const WITHOUT_OFFSET = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?$/;

export type InstantParse = { ok: true; value: Date } | { ok: false; key: string };

export function parseInstant(text: string): InstantParse {
  const s = text.trim();
  const date = DATE.exec(s);
  if (date) {
    const [y, m, d] = [Number(date[1]), Number(date[2]), Number(date[3])];
    const probe = new Date(Date.UTC(y, m - 1, d));
    if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== m - 1 || probe.getUTCDate() !== d)
      return { ok: false, key: 'validation.badDate' };
    return { ok: true, value: shanghaiDate(y, m, d) };
  }
  if (WITH_OFFSET.test(s)) {
    const value = new Date(s);
    if (Number.isNaN(value.getTime()) || !sameCalendarDay(s, value)) return { ok: false, key: 'validation.badDate' };
    return { ok: true, value };
  }
  if (WITHOUT_OFFSET.test(s)) return { ok: false, key: 'validation.noOffset' };
  return { ok: false, key: 'validation.instantFormat' };
}

// `new Date('2025-02-30T00:00:00Z')` rolls over to March; refuse impossible calendar days instead.
function sameCalendarDay(text: string, value: Date): boolean {
  const [y, m, d] = text.slice(0, 10).split('-').map(Number);
  const offset = /([+-])(\d{2}):(\d{2})$/.exec(text);
  const shift = offset ? (offset[1] === '+' ? 1 : -1) * (Number(offset[2]) * 60 + Number(offset[3])) * 60_000 : 0;
  const local = new Date(value.getTime() + shift);
  return local.getUTCFullYear() === y && local.getUTCMonth() === m! - 1 && local.getUTCDate() === d;
}

/** A required instant: an ISO string with an offset, or a date. */
export const instant = z
  .string({ error: 'validation.instantFormat' })
  .describe('ISO 8601 timestamp with an offset (2025-03-04T09:30:00+08:00 or …Z), or a date YYYY-MM-DD meaning 00:00 Asia/Shanghai')
  .transform((text, ctx) => {
    const parsed = parseInstant(text);
    if (parsed.ok) return parsed.value;
    ctx.addIssue({ code: 'custom', message: parsed.key });
    return z.NEVER;
  });
