import type { z } from 'zod';
import type { Locale } from './locales';
import { translate } from './translate';

export interface FieldError {
  field: string;
  message: string;
}

type Issue = z.core.$ZodIssue;

/**
 * One validation problem in the reader's language. Schemas give their own messages as keys under
 * `validation.` (e.g. "validation.loginFormat"); zod's built-in checks are mapped here by their code.
 */
export function issueMessage(issue: Issue, locale: Locale): string {
  if (issue.message?.startsWith('validation.')) return translate(locale, issue.message, issueParams(issue));
  switch (issue.code) {
    case 'invalid_type':
      return translate(locale, issue.input === undefined || issue.input === null || issue.input === '' ? 'validation.required' : 'validation.wrongType');
    case 'too_small':
      return translate(locale, issue.origin === 'string' ? 'validation.tooShort' : issue.origin === 'array' ? 'validation.tooFew' : 'validation.tooSmall', { minimum: String(issue.minimum) });
    case 'too_big':
      return translate(locale, issue.origin === 'string' ? 'validation.tooLong' : issue.origin === 'array' ? 'validation.tooMany' : 'validation.tooBig', { maximum: String(issue.maximum) });
    case 'invalid_value':
      return translate(locale, 'validation.oneOf', { values: issue.values.map(String).join(', ') });
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
  return params;
}

export function fieldErrors(error: z.ZodError, locale: Locale): FieldError[] {
  return error.issues.map((issue) => ({ field: issue.path.join('.') || '(form)', message: issueMessage(issue, locale) }));
}
