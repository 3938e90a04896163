import { z } from 'zod';
import type { Db } from '@/db/client';
import { appendAudit } from '@/db/audit/audit-log';
import { PASSWORD_CHANGE_FAILED, passwordChangeFailures, replacePassword, userById, type UserRow } from '@/db/auth/auth';
import { FieldProblem } from '@/domain/errors';
import { backOffUntil, openSession } from '@/features/auth/login';
import { hashPassword, verifyPassword } from '@/features/auth/password';
import { passwordGate } from '@/domain/auth/verify-gate';
import { passwordSchema } from '@/features/auth/users';
import {
  THROTTLE_FREE_PER_PAIR,
  THROTTLE_PAIR_BASE_MS,
  THROTTLE_PAIR_CAP_MS,
  THROTTLE_WINDOW_MS,
  VERIFY_BUSY_RETRY_MS,
} from '@/domain/auth/session-policy';

export const changePasswordSchema = z.object({
  currentPassword: z.string().min(1, 'validation.required').max(256),
  newPassword: passwordSchema,
  confirmPassword: z.string().max(256),
});
export type PasswordChange = z.input<typeof changePasswordSchema>;

interface Client {
  ip?: string | null;
  userAgent?: string | null;
  /** The (hashed) id of the session asking; its failures are what hold it back. */
  sessionId?: string;
}

/**
 * A signed-in user changes their own password: the current one must be right, the new one typed twice and
 * different. Every session of the user ends (sessions elsewhere, and the one used here); the returned
 * cookie value opens a fresh session for the browser that made the change.
 *
 * Whoever holds a stolen session must not learn the password here (issue 13, item 12, decision 027): the
 * form is judged whole before the current password is checked, so a right and a wrong one get the same
 * answer; after 5 wrong ones the session waits 30 s, doubling to 15 minutes, and is refused unchecked
 * meanwhile, right password or not. The back-off is per session, not per user, so a thief's guessing
 * never stops the owner, in a session of their own, from changing the password and ending the thief's.
 */
export async function changePassword(
  db: Db,
  userId: number,
  input: PasswordChange,
  now = new Date(),
  client: Client = {},
): Promise<{ sessionToken: string; endedSessions: number }> {
  const data = changePasswordSchema.parse(input);
  if (data.newPassword !== data.confirmPassword) throw new FieldProblem('confirmPassword', 'security.passwordsDiffer');
  if (data.newPassword === data.currentPassword) throw new FieldProblem('newPassword', 'security.passwordUnchanged');
  const user = await userById(db, userId);
  if (!user || !user.active) throw new FieldProblem('currentPassword', 'security.currentPasswordWrong');

  const session = sessionKey(client);
  const failures = await passwordChangeFailures(db, { userId, session, since: new Date(now.getTime() - THROTTLE_WINDOW_MS) });
  const waitUntil = backOffUntil(failures, THROTTLE_FREE_PER_PAIR, THROTTLE_PAIR_BASE_MS, THROTTLE_PAIR_CAP_MS);
  if (waitUntil > now.getTime()) throw throttled(waitUntil - now.getTime());
  const right = await passwordGate.run(() => verifyPassword(user.passwordHash, data.currentPassword));
  if (right === 'busy') throw new FieldProblem('currentPassword', 'security.busyFor', { seconds: Math.ceil(VERIFY_BUSY_RETRY_MS / 1000) });
  if (!right) {
    await audit(db, user, PASSWORD_CHANGE_FAILED, { session, ip: client.ip ?? null }, now);
    throw new FieldProblem('currentPassword', 'security.currentPasswordWrong');
  }

  const endedSessions = await replacePassword(db, user.id, await hashPassword(data.newPassword), now);
  await audit(db, user, 'user.password_change', { session, ip: client.ip ?? null, endedSessions }, now);
  // No proof to check: this request has just set the password itself.
  return { sessionToken: (await openSession(db, user.id, now, client))!, endedSessions };
}

/** A prefix of the session's stored id: enough to tell sessions apart in the audit, useless as a cookie. */
function sessionKey(client: Client): string {
  return client.sessionId?.slice(0, 16) ?? 'none';
}

function throttled(ms: number): FieldProblem {
  return new FieldProblem('currentPassword', 'security.changeThrottledFor', { seconds: Math.ceil(ms / 1000) });
}

async function audit(db: Db, user: UserRow, action: string, after: Record<string, unknown>, now: Date): Promise<void> {
  await db.transaction((tx) =>
    appendAudit(
      tx,
      [{ actorUserId: user.id, action, entityKind: 'user', entityId: user.id, unitId: user.unitId, before: null, after }],
      now,
    ),
  );
}
