import { loggableError } from '@/db/query-error';
import { ZodError } from 'zod';
import { isDatabaseBusy, retryAfterSeconds } from '@/db/busy';
import { FieldProblem, Refusal } from '@/domain/errors';
import type { Locale } from '@/domain/i18n/locales';
import { translate } from '@/domain/i18n/translate';
import { issueMessage } from '@/domain/i18n/validation';
import { SubmissionRefused } from '@/features/records/submit';
import { WritePoolFull } from '@/features/records/submit-off-thread';
import { WorkflowRefused } from '@/features/records/workflow';
import { env } from '@/server/env';

// THE error mapper (decision 044): what a failure means is decided once, in `failureOf`; the API
// (`errorResponse`) and the server actions (`actionFailure`) only say it in their own form. Expected
// failures carry a code and a message the caller can act on; anything else is logged and answered
// generically, never with its stack.

export type ApiErrorCode =
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'validation_failed'
  | 'rate_limited'
  | 'busy'
  | 'internal';

const statusOf: Record<ApiErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  validation_failed: 422,
  rate_limited: 429,
  internal: 500,
  busy: 503,
};

export interface ErrorDetail {
  index?: number;
  field: string;
  message: string;
}

/** A message said in the caller's language (Accept-Language), or a fixed English one. */
export type ApiMessage = string | ((locale: Locale) => string);

/** An expected failure of an API request: it carries a code and a message the caller can act on. */
export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    readonly say: ApiMessage,
    readonly details: ErrorDetail[] = [],
    /** Headers the answer carries, e.g. `Retry-After` on a 429. */
    readonly headers: Record<string, string> = {},
  ) {
    super(typeof say === 'string' ? say : say('en'));
  }

  get status(): number {
    return statusOf[this.code];
  }
}

export function zodDetails(error: ZodError, locale: Locale = 'en'): ErrorDetail[] {
  return error.issues.map((i) => ({ field: i.path.join('.') || '(body)', message: issueMessage(i, locale) }));
}

/** Every kind of failure an edge answers, already said in the reader's language where it is expected. */
type Failure =
  | { kind: 'api'; error: ApiError }
  | { kind: 'field'; field: string; message: string }
  | { kind: 'refused'; reason: 'forbidden' | 'invalid'; problems: ErrorDetail[] }
  | { kind: 'busy'; message: string; field: string; retryAfter: number }
  | { kind: 'request'; zod: ZodError }
  | { kind: 'unexpected' };

function failureOf(error: unknown, locale: Locale): Failure {
  if (error instanceof ApiError) return { kind: 'api', error };
  if (error instanceof FieldProblem) return { kind: 'field', field: error.field, message: error.localized(locale) };
  if (error instanceof SubmissionRefused)
    return {
      kind: 'refused',
      reason: error.reason,
      problems: error.problems.map((p) => ({ index: p.index, field: p.field, message: p.say(locale) })),
    };
  if (error instanceof Refusal || error instanceof WorkflowRefused)
    return { kind: 'refused', reason: error.reason, problems: error.say(locale) };
  // The import pool's queue is full: nothing was stored; the caller retries, as after a busy database.
  if (error instanceof WritePoolFull) {
    const seconds = error.retryAfterSeconds;
    return { kind: 'busy', message: translate(locale, 'api.writesBusy', { seconds }), field: '(server)', retryAfter: seconds };
  }
  // Another writer held the database past the configured wait: nothing was stored, the caller retries.
  if (isDatabaseBusy(error))
    return {
      kind: 'busy',
      message: translate(locale, 'actions.busy'),
      field: '(database)',
      retryAfter: retryAfterSeconds(env().FENGHUO_DB_BUSY_TIMEOUT_MS),
    };
  if (error instanceof ZodError) return { kind: 'request', zod: error };
  return { kind: 'unexpected' };
}

function apiErrorOf(failure: Failure, locale: Locale): ApiError {
  switch (failure.kind) {
    case 'api':
      return failure.error;
    case 'field':
      return new ApiError('validation_failed', (l) => translate(l, 'api.invalidRequest'), [
        { field: failure.field, message: failure.message },
      ]);
    case 'refused': {
      const details = failure.problems.slice(0, 1000);
      if (failure.reason === 'forbidden') return new ApiError('forbidden', (l) => translate(l, 'api.forbiddenSubmission'), details);
      return new ApiError('validation_failed', (l) => translate(l, 'api.invalidSubmission', { n: failure.problems.length }), details);
    }
    case 'busy':
      return new ApiError('busy', failure.message, [{ field: failure.field, message: failure.message }], {
        'retry-after': String(failure.retryAfter),
      });
    case 'request':
      return new ApiError('validation_failed', (l) => translate(l, 'api.invalidRequest'), zodDetails(failure.zod, locale));
    case 'unexpected':
      return new ApiError('internal', (l) => translate(l, 'api.internal'));
  }
}

/**
 * Logs an unexpected error. A failed query arrives wrapped by drizzle (its message is the SQL and its
 * parameters): the driver's own error says what happened, so it is logged first, with the SQL text and
 * without the parameters (they may hold a password hash or a person's data).
 */
function logUnexpected(tag: string, error: unknown): void {
  console.error(tag, loggableError(error));
}

/** The API's error body, always `{error: {code, message, details}}`; unexpected errors are logged, never shown. */
export function errorResponse(error: unknown, locale: Locale = 'en'): Response {
  const failure = failureOf(error, locale);
  if (failure.kind === 'unexpected') logUnexpected('[api] unexpected error', error);
  const apiError = apiErrorOf(failure, locale);
  const message = typeof apiError.say === 'string' ? apiError.say : apiError.say(locale);
  return Response.json(
    { error: { code: apiError.code, message, details: apiError.details } },
    { status: apiError.status, headers: apiError.headers },
  );
}

/** What a form shows after a failed action: a line above it and messages beside its fields. */
export interface FormFailure {
  error: string;
  fields: Record<string, string>;
}

// Problems about the whole record or the caller rather than one input go above the form.
const notAField = (field: string) => field.startsWith('(');

/** A refused submission or workflow step as the form shows it: each problem beside its field. */
function refusalForForm(reason: 'forbidden' | 'invalid', problems: ErrorDetail[], locale: Locale): FormFailure {
  const fields: Record<string, string> = {};
  for (const p of problems.filter((p) => !notAField(p.field)))
    fields[p.field] = fields[p.field] ? `${fields[p.field]} ${p.message}` : p.message;
  const general = problems.filter((p) => notAField(p.field)).map((p) => p.message);
  const fallback = translate(locale, reason === 'forbidden' ? 'actions.forbidden' : 'actions.invalid');
  return { error: general.length ? general.join(' ') : fallback, fields };
}

/** A server action's failure in the reader's language; unexpected errors are logged, never shown. */
export function actionFailure(error: unknown, locale: Locale): FormFailure {
  const failure = failureOf(error, locale);
  switch (failure.kind) {
    case 'field':
      return { error: translate(locale, 'actions.invalid'), fields: { [failure.field]: failure.message } };
    case 'refused':
      return refusalForForm(failure.reason, failure.problems, locale);
    // Another process held the database past the configured wait: nothing was stored, what was typed is kept.
    case 'busy':
      return { error: translate(locale, 'actions.busy'), fields: {} };
    default:
      logUnexpected('[action] unexpected error', error);
      return { error: translate(locale, 'actions.unexpected'), fields: {} };
  }
}
