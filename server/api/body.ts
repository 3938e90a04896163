import { translate } from '@/domain/i18n/translate';
import { ApiError } from '@/server/errors';
import { apiLocale } from '@/server/api/locale';

/** The largest request body the API reads: 5,000 assessments with all their dimensions fit well inside. */
export const MAX_BODY_BYTES = 32 * 1024 * 1024;
/** Deeper JSON than any record needs is refused before parsing, so a hostile body cannot exhaust the stack. */
const MAX_DEPTH = 16;

/**
 * Reads a JSON body without trusting its declared length: bytes are counted as they arrive and the read
 * stops at the limit (413). Malformed JSON is a 400 that says where.
 */
export async function readJsonBody(req: Request, limit = MAX_BODY_BYTES): Promise<unknown> {
  if (!req.body) throw bodyError('bad_request', 'The request has no body; send JSON.');
  const text = new TextDecoder('utf-8', { fatal: false }).decode(await readBodyBytes(req, limit));
  if (nestingDepth(text) > MAX_DEPTH) throw bodyError('bad_request', `The JSON is nested more than ${MAX_DEPTH} levels deep.`);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw bodyError('bad_request', `The body is not valid JSON: ${(error as Error).message}`);
  }
}

/** A refusal of the body as a whole: its one detail names `(body)`, as a field refusal names its field. */
export function bodyError(code: 'bad_request' | 'payload_too_large', message: string): ApiError {
  return new ApiError(code, message, [{ field: '(body)', message }]);
}

/**
 * A request's body, at most `limit` bytes: the declared length is checked first, then bytes are counted as
 * they arrive and the read stops past the limit, so a body without a length (chunked) is bounded too.
 * Past the limit: a 413 naming it, in the caller's language.
 */
export async function readBodyBytes(req: Request, limit: number): Promise<Buffer> {
  if (Number(req.headers.get('content-length') ?? '0') > limit) throw tooLarge(req, limit);
  if (!req.body) return Buffer.alloc(0);
  const reader = req.body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge(req, limit);
    }
    parts.push(value);
  }
  return Buffer.concat(parts);
}

function tooLarge(req: Request, limit: number): ApiError {
  return bodyError('payload_too_large', translate(apiLocale(req), 'errors.bodyTooLarge', { maxMb: Math.round(limit / 1024 / 1024) }));
}

/** The deepest bracket nesting outside strings, in one pass. */
function nestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) max = Math.max(max, ++depth);
    else if (c === 125 || c === 93) depth--;
  }
  return max;
}

/** API.md: a POST takes one object or an array of up to `max`. */
export function asItems(body: unknown, max: number): unknown[] {
  const items = Array.isArray(body) ? body : [body];
  if (items.length === 0)
    throw new ApiError('validation_failed', 'The array is empty; send at least one item.', [{ field: '(body)', message: 'is empty' }]);
  if (items.length > max) throw bodyError('payload_too_large', `An array holds at most ${max} items; this one has ${items.length}.`);
  return items;
}
