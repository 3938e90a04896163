import type { z } from 'zod';
import type { Locale } from '@/domain/i18n/locales';
import { translate } from '@/domain/i18n/translate';

export interface FieldError {
  field: string;
  message: string;
}

type Issue = z.core.$ZodIssue;

/**
 * One validation problem in the reader's language. Schemas give their own messages as keys under
 * `validation.` (e.g. "validation.loginFormat"); zod's built-in checks are mapped here by their code.
 */
export function issueMessage(issue: Issue, locale: Locale, submitted?: { value: unknown }): string {
  // An empty field is "required", whatever check it then failed (an empty select fails the enum).
  if (submitted && isEmpty(submitted.value) && issue.code !== 'custom') return translate(locale, 'validation.required');
  if (issue.message?.startsWith('validation.')) return translate(locale, issue.message, issueParams(issue));
  switch (issue.code) {
    case 'invalid_type':
      return translate(locale, 'validation.wrongType');
    case 'too_small':
      return translate(
        locale,
        issue.origin === 'string' ? 'validation.tooShort' : issue.origin === 'array' ? 'validation.tooFew' : 'validation.tooSmall',
        { minimum: String(issue.minimum) },
      );
    case 'too_big':
      return translate(
        locale,
        issue.origin === 'string' ? 'validation.tooLong' : issue.origin === 'array' ? 'validation.tooMany' : 'validation.tooBig',
        { maximum: String(issue.maximum) },
      );
    case 'invalid_value': {
      const values = issue.values.map(String).join(', ');
      // Repeating what was typed finds the cell at once in a 5,000-row file.
      const got = submitted?.value;
      if (typeof got === 'string' || typeof got === 'number')
        return translate(locale, 'validation.oneOfGot', { values, value: String(got) });
      return translate(locale, 'validation.oneOf', { values });
    }
    case 'invalid_format':
      return translate(locale, 'validation.format');
    default:
      return translate(locale, 'validation.invalid');
  }
}

function issueParams(issue: Issue): Record<string, string> {
  const params: Record<string, string> = {};
  if ('minimum' in issue) params.minimum = String(issue.minimum);
  if ('maximum' in issue) params.maximum = String(issue.maximum);
  if ('values' in issue) params.values = issue.values.map(String).join(', ');
  // A custom check names what the reader needs to correct it (e.g. the range of years).
  if (issue.code === 'custom' && issue.params) for (const [k, v] of Object.entries(issue.params)) params[k] = String(v);
  return params;
}

/** Every problem with its field; `input` (what was submitted) tells an empty field from a wrong one. */
export function fieldErrors(error: z.ZodError, locale: Locale, input?: unknown): FieldError[] {
  return error.issues.map((issue) => ({
    field: issue.path.join('.') || '(form)',
    message: issueMessage(issue, locale, input === undefined ? undefined : { value: valueAt(input, issue.path) }),
  }));
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** The submitted value at a zod issue's path (undefined when the path leads nowhere). */
export function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>(
    (node, key) => (node && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key] : undefined),
    input,
  );
}
