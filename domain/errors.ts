import { translate } from '@/domain/i18n/translate';
import type { Locale } from '@/domain/i18n/locales';

/**
 * An expected problem with one field of the input (an unknown unit, a login already taken). It carries a
 * message key so each edge can say it in the reader's language; its `message` is the English form for logs
 * and the command line.
 */
export class FieldProblem extends Error {
  constructor(
    readonly field: string,
    readonly key: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(`${field}: ${translate('en', key, params)}`);
  }

  localized(locale: Locale): string {
    return translate(locale, this.key, this.params);
  }
}

/** One problem of a refused request, keyed so that each edge says it in the reader's language. */
export interface RefusalProblem {
  /** The item of a batch it concerns (the API's `index`). */
  index?: number;
  field: string;
  key: string;
  params?: Record<string, string | number>;
}

/**
 * A request refused as a whole before anything was stored: `forbidden` (the caller's role or scope, 403)
 * or `invalid` (422). server/errors.ts says it as the API's error body or beside a form's fields.
 */
export class Refusal extends Error {
  constructor(
    readonly reason: 'forbidden' | 'invalid',
    readonly problems: RefusalProblem[],
  ) {
    super(`${reason}: ${problems.map((p) => `${p.field} ${translate('en', p.key, p.params)}`).join('; ')}`);
  }

  say(locale: Locale): { index?: number; field: string; message: string }[] {
    return this.problems.map((p) => ({ index: p.index, field: p.field, message: translate(locale, p.key, p.params) }));
  }
}
