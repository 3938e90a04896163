import type { Locale } from '@/domain/i18n/locales';
import { SubmissionRefused } from '@/features/records/submit';
import { translate } from '@/domain/i18n/translate';
import { ApiError } from '@/server/api/errors';
import { bodyError } from '@/server/api/body';

/** A refused submission as the API's 403 or 422, with every problem as `{index, field, message}`. */
export function refusalToApiError(error: unknown, locale: Locale): unknown {
  if (!(error instanceof SubmissionRefused)) return error;
  const details = error.problems.slice(0, 1000).map((p) => ({ index: p.index, field: p.field, message: p.say(locale) }));
  if (error.reason === 'forbidden') return new ApiError('forbidden', (l) => translate(l, 'api.forbiddenSubmission'), details);
  return new ApiError('validation_failed', (l) => translate(l, 'api.invalidSubmission', { n: error.problems.length }), details);
}

/** API.md: a POST takes one object or an array of up to `max`. */
export function asItems(body: unknown, max: number): unknown[] {
  const items = Array.isArray(body) ? body : [body];
  if (items.length === 0)
    throw new ApiError('validation_failed', 'The array is empty; send at least one item.', [{ field: '(body)', message: 'is empty' }]);
  if (items.length > max) throw bodyError('payload_too_large', `An array holds at most ${max} items; this one has ${items.length}.`);
  return items;
}
