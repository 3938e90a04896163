import type { Locale } from '@/domain/i18n/locales';
import { translate } from '@/domain/i18n/translate';

// The vocabulary of a submission (API, import, form, unit list): its problems, its refusal, what it did
// to each item. Pure, so the import pool's worker and the error mapper share it without the write path.

/** One problem with one item of a submission, said in the reader's language when it is shown. */
export interface Problem {
  index: number;
  field: string;
  say: (locale: Locale) => string;
}

/**
 * A submission refused as a whole: `forbidden` when an item lies outside the caller's role or scope (403),
 * `invalid` when items fail validation (422). Nothing of the submission was stored.
 */
export class SubmissionRefused extends Error {
  constructor(
    readonly reason: 'forbidden' | 'invalid',
    readonly problems: Problem[],
  ) {
    super(`${reason}: ${problems.map((p) => `#${p.index} ${p.field} ${p.say('en')}`).join('; ')}`.slice(0, 2000));
  }
}

export type ItemOutcome = 'created' | 'updated' | 'unchanged';

/** A problem's message, said later in whichever language the reader wants. */
export const keyed =
  (key: string, params: Record<string, string | number> = {}) =>
  (locale: Locale) =>
    translate(locale, key, params);

/** Whether a stored column value equals a submitted one (instants by time; absent and null alike). */
export function same(a: unknown, b: unknown): boolean {
  if (a instanceof Date || b instanceof Date) return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  return (a ?? null) === (b ?? null);
}

/** Values in slices of `size`, for statements with a bounded number of parameters. */
export function chunks<T>(values: T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size));
  return out;
}

export function groupBy<T, K>(values: T[], key: (v: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const v of values) {
    const k = key(v);
    const list = out.get(k);
    if (list) list.push(v);
    else out.set(k, [v]);
  }
  return out;
}
