import type { Db } from '@/db/client';
import { getDb } from '@/db/client';
import { resolveActor } from '@/lib/auth/resolve-actor';
import type { Actor } from '@/lib/auth/scope-types';
import { ApiError, errorResponse } from './errors';

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

/**
 * The one wrapper for v1 route handlers: it authenticates the bearer token (through resolveActor),
 * runs the handler with the caller's scope, and turns every failure into the documented error body.
 */
export function apiRoute<P = Record<string, never>>(handler: (ctx: ApiContext<P>) => Promise<unknown> | unknown) {
  return async (req: Request, context: { params: Promise<P> }): Promise<Response> => {
    try {
      const db = getDb();
      const token = bearerToken(req);
      if (!token) throw new ApiError('unauthorized', 'Send a token as "Authorization: Bearer <token>".');
      const actor = resolveActor(db, { bearerToken: token });
      if (!actor) throw new ApiError('unauthorized', 'The token is not valid, has expired or was revoked.');
      const result = await handler({ req, actor, db, params: await context.params });
      return result instanceof Response ? result : Response.json(result);
    } catch (error) {
      return errorResponse(error);
    }
  };
}
