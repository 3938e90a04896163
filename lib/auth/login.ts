import type { Db } from '@/db/client';
import {
  clearLoginFailures,
  deleteSession,
  insertSession,
  markLoginSucceeded,
  recentLoginFailures,
  recordLoginAttempt,
  userByLogin,
} from '@/db/queries/auth';
import { burnPasswordCheck, verifyPassword } from './password';
import { hashSessionToken, newSecretToken } from './tokens';
import { sessionSecret } from './secret';
import { SESSION_IDLE_MS, THROTTLE_MAX_PER_IP, THROTTLE_MAX_PER_LOGIN, THROTTLE_WINDOW_MS } from './session-policy';

export type LoginResult = { ok: true; sessionToken: string; expiresAt: Date } | { ok: false; reason: 'invalid' | 'throttled' };

/** Checks a login and password, throttled per account and per address; opens a session on success. */
export async function logIn(
  db: Db,
  input: { login: string; password: string; ip: string; userAgent?: string | null },
  now = new Date(),
): Promise<LoginResult> {
  const login = input.login.trim();
  const failures = recentLoginFailures(db, login, input.ip, new Date(now.getTime() - THROTTLE_WINDOW_MS));
  // Counted as a failure before the (slow) password check and turned into a success only afterwards, so
  // many guesses sent at once all see each other instead of slipping under the limit together.
  const attemptId = recordLoginAttempt(db, { login, ip: input.ip, at: now, success: false });
  if (failures.byLogin >= THROTTLE_MAX_PER_LOGIN || failures.byIp >= THROTTLE_MAX_PER_IP) return { ok: false, reason: 'throttled' };

  const user = userByLogin(db, login);
  // Verify even for a deactivated user, so the answer takes as long as for anyone else.
  const valid = user ? await verifyPassword(user.passwordHash, input.password) : (await burnPasswordCheck(input.password), false);
  if (!user || !valid || !user.active) return { ok: false, reason: 'invalid' };

  markLoginSucceeded(db, attemptId);
  clearLoginFailures(db, login);
  const sessionToken = newSecretToken();
  const expiresAt = new Date(now.getTime() + SESSION_IDLE_MS);
  insertSession(db, {
    id: hashSessionToken(sessionToken, sessionSecret(db)),
    userId: user.id,
    createdAt: now,
    lastSeenAt: now,
    expiresAt,
    ip: input.ip,
    userAgent: input.userAgent?.slice(0, 300) ?? null,
  });
  return { ok: true, sessionToken, expiresAt };
}

export function logOut(db: Db, sessionToken: string): void {
  deleteSession(db, hashSessionToken(sessionToken, sessionSecret(db)));
}
