import type { Db } from '@/db/client';
import { loginPrincipal, sessionPrincipal, tokenPrincipal, touchApiToken, touchSession } from '@/db/auth/auth';
import { subtreeUnitIds } from '@/db/units/units';
import { hashApiToken, hashSessionToken } from '@/features/auth/tokens';
import { sessionSecret } from '@/features/auth/secret';
import { seesWholeAcademy } from '@/domain/auth/roles';
import { ALL_UNITS, type Actor } from '@/domain/auth/actor';
import { writeIfFree } from '@/db/engine';
import { SESSION_IDLE_MS, SESSION_ABSOLUTE_MS, SESSION_TOUCH_MS } from '@/domain/auth/session-policy';

export interface Credentials {
  sessionToken?: string | null;
  bearerToken?: string | null;
  /** The command line acting as a named user: its operator already holds the database file. */
  cliLogin?: string | null;
}

type Principal = NonNullable<Awaited<ReturnType<typeof loginPrincipal>>>;

/**
 * THE place where a session cookie or a bearer token becomes {user, role, scope}. Every page, server
 * action, route handler and job that acts for a person goes through here, and every query it makes
 * takes the returned scope. Returns null when the credentials open nothing.
 */
export async function resolveActor(db: Db, credentials: Credentials, now = new Date()): Promise<Actor | null> {
  if (credentials.bearerToken) {
    const p = await tokenPrincipal(db, hashApiToken(credentials.bearerToken), now);
    if (!p || !p.active) return null;
    // Like sessions, written at most every few minutes: an integration's burst of requests makes no writes;
    // never waited for (the write queue or another process's lock): the next request marks it.
    if (!p.lastUsedAt || now.getTime() - p.lastUsedAt.getTime() > SESSION_TOUCH_MS)
      await writeIfFree(db, (tx) => touchApiToken(tx, p.tokenId, now));
    return toActor(db, p, 'token');
  }
  if (credentials.cliLogin) {
    const p = await loginPrincipal(db, credentials.cliLogin);
    return p && p.active ? toActor(db, p, 'cli') : null;
  }
  if (credentials.sessionToken) {
    const sessionId = hashSessionToken(credentials.sessionToken, await sessionSecret(db));
    const p = await sessionPrincipal(db, sessionId, now);
    if (!p || !p.active) return null;
    // A password change ends every session opened before it.
    if (p.passwordChangedAt && p.sessionCreatedAt < p.passwordChangedAt) return null;
    if (now.getTime() - p.lastSeenAt.getTime() > SESSION_TOUCH_MS) {
      const expires = Math.min(now.getTime() + SESSION_IDLE_MS, p.sessionCreatedAt.getTime() + SESSION_ABSOLUTE_MS);
      await writeIfFree(db, (tx) => touchSession(tx, sessionId, now, new Date(expires)));
    }
    return { ...(await toActor(db, p, 'session')), sessionId };
  }
  return null;
}

async function toActor(db: Db, p: Principal, via: Actor['via']): Promise<Actor> {
  return {
    userId: p.userId,
    login: p.login,
    displayName: p.displayName,
    role: p.role,
    unitId: p.unitId,
    unitCode: p.unitCode,
    unitName: p.unitName,
    unitNameEn: p.unitNameEn,
    scope: seesWholeAcademy(p.role) ? ALL_UNITS : { all: false, unitIds: await subtreeUnitIds(db, { path: p.unitPath }) },
    via,
  };
}
