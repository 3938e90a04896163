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
