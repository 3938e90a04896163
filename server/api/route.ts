import { createHash } from 'node:crypto';
import type { Db } from '@/db/client';
import { getDb } from '@/db/client';
import { resolveActor } from '@/features/auth/resolve-actor';
import type { Actor } from '@/domain/auth/actor';
import { Refusal } from '@/domain/errors';
import type { Role } from '@/domain/reference/roles';
import { env } from '@/server/env';
import { translate } from '@/domain/i18n/translate';
import { ApiError, errorResponse } from '@/server/errors';
import { apiLocale } from '@/server/api/locale';
import { TokenBucketLimiter } from '@/server/api/rate-limit';

export interface ApiContext<P> {
  req: Request;
  actor: Actor;
  db: Db;
  params: P;
}

function bearerToken(req: Request): string | null {
  const header = req.headers.get('authorization');
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  return match?.[1] ?? null;
}

// One limiter per process (kept on globalThis so that development reloads share it).
const globalForLimiter = globalThis as unknown as { fenghuoApiLimiter?: TokenBucketLimiter };

function apiLimiter(): TokenBucketLimiter {
  const { FENGHUO_API_RATE, FENGHUO_API_BURST } = env();
  globalForLimiter.fenghuoApiLimiter ??= new TokenBucketLimiter(FENGHUO_API_RATE, FENGHUO_API_BURST);
  return globalForLimiter.fenghuoApiLimiter;
}

/** Refuses the request with 429 and `Retry-After` when this token's bucket is empty. */
function enforceRateLimit(token: string): void {
  const key = createHash('sha256').update(token).digest('base64url');
  const verdict = apiLimiter().take(key);
  if (!verdict.ok)
    throw new ApiError(
      'rate_limited',
      (l) => translate(l, 'api.rateLimited', { s: verdict.retryAfterSec }),
      [{ field: '(token)', message: `rate limit ${env().FENGHUO_API_RATE}/s, burst ${env().FENGHUO_API_BURST}` }],
      { 'retry-after': String(verdict.retryAfterSec) },
    );
}

/**
 * Who may call a route: a role rule from domain/auth and the message a refused caller reads beside `(role)`
 * (403, before the body is read). The feature the route calls checks the same rule again, for the forms,
 * the import and the CLI that reach it without this wrapper.
 */
export interface RouteAccess {
  allow: (role: Role) => boolean;
  refusal: string;
}

type Handler<P> = (ctx: ApiContext<P>) => Promise<unknown> | unknown;

/**
 * The one wrapper for v1 route handlers: it authenticates the bearer token (through resolveActor),
 * limits each token's request rate (429 with Retry-After), refuses a role the route does not allow, runs
 * the handler with the caller's scope, and turns every failure into the documented error body
 * (server/errors.ts). `apiRoute(handler)` is open to every role; `apiRoute({allow, refusal}, handler)` is not.
 */
export function apiRoute<P = Record<string, never>>(handler: Handler<P>): RouteHandler<P>;
export function apiRoute<P = Record<string, never>>(access: RouteAccess, handler: Handler<P>): RouteHandler<P>;
export function apiRoute<P>(first: RouteAccess | Handler<P>, second?: Handler<P>): RouteHandler<P> {
  const [access, handler] = typeof first === 'function' ? [null, first] : [first, second!];
  return async (req, context) => {
    try {
      const db = getDb();
      const token = bearerToken(req);
      if (!token) throw new ApiError('unauthorized', (l) => translate(l, 'api.noToken'));
      const actor = await resolveActor(db, { bearerToken: token });
      if (!actor) throw new ApiError('unauthorized', (l) => translate(l, 'api.badToken'));
      enforceRateLimit(token);
      if (access && !access.allow(actor.role)) throw new Refusal('forbidden', [{ index: 0, field: '(role)', key: access.refusal }]);
      const result = await handler({ req, actor, db, params: await context.params });
      return result instanceof Response ? result : Response.json(result);
    } catch (error) {
      return errorResponse(error, apiLocale(req));
    }
  };
}

type RouteHandler<P> = (req: Request, context: { params: Promise<P> }) => Promise<Response>;
