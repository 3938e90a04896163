import type { Db } from '@/db/client';
import {
  clearLoginFailures,
  deleteLoginAttempt,
  deleteSession,
  insertSession,
  loginFailureStats,
  markLoginSucceeded,
  recordLoginAttempt,
  userById,
  userByLogin,
  type FailureStats,
} from '@/db/auth/auth';
import { burnPasswordCheck, verifyPassword } from '@/features/auth/password';
import { passwordGate } from '@/domain/auth/verify-gate';
import { hashSessionToken, newSecretToken } from '@/features/auth/tokens';
import { sessionSecret } from '@/features/auth/secret';
import {
  SESSION_IDLE_MS,
  THROTTLE_FREE_PER_LOGIN,
  THROTTLE_FREE_PER_PAIR,
  THROTTLE_LOGIN_BASE_MS,
  THROTTLE_LOGIN_CAP_MS,
  THROTTLE_MAX_PER_IP,
  THROTTLE_PAIR_BASE_MS,
  THROTTLE_PAIR_CAP_MS,
  THROTTLE_WINDOW_MS,
  VERIFY_BUSY_RETRY_MS,
} from '@/domain/auth/session-policy';

export type LoginResult =
  | { ok: true; sessionToken: string; expiresAt: Date }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'throttled'; retryAfterMs: number }
  // The password gate was full: nothing was checked, so this says nothing about the password or the login.
  | { ok: false; reason: 'busy'; retryAfterMs: number };

/** Stored for attempts whose address nothing trustworthy names; such attempts are never keyed by address. */
export const UNKNOWN_ADDRESS = 'unknown';

/** How long after the last failure the next attempt must wait: nothing, then base, 2×base, … up to cap. */
export function backOffUntil(stats: FailureStats, free: number, baseMs: number, capMs: number): number {
  if (stats.n < free || !stats.last) return 0;
  const delay = Math.min(baseMs * 2 ** Math.min(stats.n - free, 30), capMs);
  return stats.last.getTime() + delay;
}

/**
 * Until when this attempt's own address is refused unchecked (ms since epoch): the (login, address) back-off
 * and the per-address limit. Both are known only behind a trusted proxy, and neither touches the owner
 * trying from elsewhere.
 */
function addressRefusedUntil(stats: Awaited<ReturnType<typeof loginFailureStats>>): number {
  return Math.max(
    backOffUntil(stats.byPair, THROTTLE_FREE_PER_PAIR, THROTTLE_PAIR_BASE_MS, THROTTLE_PAIR_CAP_MS),
    stats.byIp.n >= THROTTLE_MAX_PER_IP && stats.byIp.last ? stats.byIp.last.getTime() + THROTTLE_WINDOW_MS : 0,
  );
}

/**
 * Checks a login and password, throttled per address and per account; opens a session on success.
 * `ip` is the client's address as a trusted proxy reports it, or null when none does.
 *
 * The account's back-off never refuses unchecked (decision 027): it cannot tell the owner from a guesser,
 * so a guesser retrying the moment it ends would take every turn and keep the owner out. While it runs, a
 * right password still opens a session and a wrong one gets the throttled answer.
 */
export async function logIn(
  db: Db,
  input: { login: string; password: string; ip: string | null; userAgent?: string | null },
  now = new Date(),
): Promise<LoginResult> {
  const login = input.login.trim();
  const ip = input.ip ?? UNKNOWN_ADDRESS;
  // Counted as a failure before the (slow) password check and turned into a success only afterwards, so
  // many guesses sent at once all see each other instead of slipping under the limit together.
  const attemptId = await recordLoginAttempt(db, { login, ip, at: now, success: false });
  const stats = await loginFailureStats(db, {
    login,
    ip: input.ip,
    since: new Date(now.getTime() - THROTTLE_WINDOW_MS),
    beforeId: attemptId,
  });
  const refusedUntil = addressRefusedUntil(stats);
  if (refusedUntil > now.getTime()) return forget(db, attemptId, refusedUntil - now.getTime());

  const user = await userByLogin(db, login);
  // Verify even for a deactivated user, so the answer takes as long as for anyone else.
  const checked = await passwordGate.run(() =>
    user ? verifyPassword(user.passwordHash, input.password) : burnPasswordCheck(input.password).then(() => false),
  );
  if (checked === 'busy') return forget(db, attemptId, VERIFY_BUSY_RETRY_MS, 'busy');
  if (!user || !checked || !user.active) {
    const accountWaitUntil = backOffUntil(stats.byLogin, THROTTLE_FREE_PER_LOGIN, THROTTLE_LOGIN_BASE_MS, THROTTLE_LOGIN_CAP_MS);
    return accountWaitUntil > now.getTime()
      ? { ok: false, reason: 'throttled', retryAfterMs: accountWaitUntil - now.getTime() }
      : { ok: false, reason: 'invalid' };
  }

  const sessionToken = await openSession(db, user.id, now, input, user.passwordHash);
  // The password was changed while it was being checked: the old one opens nothing.
  if (!sessionToken) return { ok: false, reason: 'invalid' };
  await markLoginSucceeded(db, attemptId);
  // Only this address's failures are forgotten: a guesser elsewhere keeps its back-off.
  await clearLoginFailures(db, login, ip);
  return { ok: true, sessionToken, expiresAt: new Date(now.getTime() + SESSION_IDLE_MS) };
}

/** A refused attempt is not stored, so retrying while waiting does not lengthen the wait. */
async function forget(db: Db, attemptId: number, retryAfterMs: number, reason: 'throttled' | 'busy' = 'throttled'): Promise<LoginResult> {
  await deleteLoginAttempt(db, attemptId);
  return { ok: false, reason, retryAfterMs };
}

/**
 * A new session for a user who has just proved who they are; returns the cookie value. With `proven` (the
 * password hash the login verified against), the session opens only if that is still the user's password
 * and the user still active, checked in the same transaction as the insert: a password changed (or the user
 * deactivated) while the login was verifying must not leave a session opened with the old password, which
 * the change's "end every session" would have missed (null then).
 */
export async function openSession(
  db: Db,
  userId: number,
  now: Date,
  client: { ip?: string | null; userAgent?: string | null },
  proven?: string,
): Promise<string | null> {
  const sessionToken = newSecretToken();
  const id = hashSessionToken(sessionToken, await sessionSecret(db));
  return db.transaction(async (tx) => {
    if (proven !== undefined) {
      const user = await userById(tx, userId);
      if (!user || !user.active || user.passwordHash !== proven) return null;
    }
    await insertSession(tx, {
      id,
      userId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + SESSION_IDLE_MS),
      ip: client.ip ?? null,
      userAgent: client.userAgent?.slice(0, 300) ?? null,
    });
    return sessionToken;
  });
}

export async function logOut(db: Db, sessionToken: string): Promise<void> {
  await deleteSession(db, hashSessionToken(sessionToken, await sessionSecret(db)));
}
