import { translate } from '@/domain/i18n/translate';
import type { Locale } from '@/domain/i18n/locales';

export type MessageParams = Record<string, string | number>;

/**
 * The whole file is refused (too large, not a spreadsheet, a zip bomb, a required column missing). It carries
 * a message key under `import.*` so each edge says it in the reader's language; `message` is the English form.
 */
export class ImportFileError extends Error {
  constructor(
    readonly key: string,
    readonly params: MessageParams = {},
  ) {
    super(translate('en', key, params));
    this.name = 'ImportFileError';
  }

  localized(locale: Locale): string {
    return translate(locale, this.key, this.params);
  }
}

/** One cell or row the caller should show; the rest of the file was read. */
export interface ImportProblem {
  /** 1-based sheet row as the user sees it. */
  row: number;
  /** The field code, or the header text of a column that matched none. */
  column: string;
  /** Message key under `import.*`. */
  key: string;
  params?: MessageParams;
}
