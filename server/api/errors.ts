import { ZodError } from 'zod';
import { isDatabaseBusy, retryAfterSeconds } from '@/db/busy';
import { env } from '@/server/env';
import type { Locale } from '@/domain/i18n/locales';
import { translate } from '@/domain/i18n/translate';
import { issueMessage } from '@/domain/i18n/validation';

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

/** An expected failure: it carries a code and a message the caller can act on. */
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

/** Another writer held the database past the configured wait: nothing was stored, the caller retries. */
function busyError(locale: Locale): ApiError {
  const message = translate(locale, 'actions.busy');
  return new ApiError('busy', message, [{ field: '(database)', message }], {
    'retry-after': String(retryAfterSeconds(env().FENGHUO_DB_BUSY_TIMEOUT_MS)),
  });
}

/** The API's error body, always `{error: {code, message, details}}`; unexpected errors are logged, never shown. */
export function errorResponse(error: unknown, locale: Locale = 'en'): Response {
  let apiError: ApiError;
  if (error instanceof ApiError) apiError = error;
  else if (isDatabaseBusy(error)) apiError = busyError(locale);
  else if (error instanceof ZodError)
    apiError = new ApiError('validation_failed', (l) => translate(l, 'api.invalidRequest'), zodDetails(error, locale));
  else {
    console.error('[api] unexpected error', error);
    apiError = new ApiError('internal', (l) => translate(l, 'api.internal'));
  }
  const message = typeof apiError.say === 'string' ? apiError.say : apiError.say(locale);
  return Response.json(
    { error: { code: apiError.code, message, details: apiError.details } },
    { status: apiError.status, headers: apiError.headers },
  );
}
