import { z } from 'zod';
import type { Db } from '@/db/client';
import { recordLoginAttempt, replacePassword, userById } from '@/db/queries/auth';
import { FieldProblem } from '@/lib/errors';
import { openSession, UNKNOWN_ADDRESS } from './login';
import { hashPassword, verifyPassword } from './password';
import { passwordSchema } from './users';

export const changePasswordSchema = z.object({
  currentPassword: z.string().min(1, 'validation.required').max(256),
  newPassword: passwordSchema,
  confirmPassword: z.string().max(256),
});
export type PasswordChange = z.input<typeof changePasswordSchema>;

/**
 * A signed-in user changes their own password: the current one must be right, the new one typed twice and
 * different. Every session of the user ends (sessions elsewhere, and the one used here); the returned
 * cookie value opens a fresh session for the browser that made the change. A wrong current password
 * counts as a failed login, so the page cannot be used to guess it faster than the login page.
 */
export async function changePassword(
  db: Db,
  userId: number,
  input: PasswordChange,
  now = new Date(),
  client: { ip?: string | null; userAgent?: string | null } = {},
): Promise<{ sessionToken: string; endedSessions: number }> {
  const data = changePasswordSchema.parse(input);
  const user = userById(db, userId);
  if (!user || !user.active) throw new FieldProblem('currentPassword', 'security.currentPasswordWrong');
  if (!(await verifyPassword(user.passwordHash, data.currentPassword))) {
    recordLoginAttempt(db, { login: user.login, ip: client.ip ?? UNKNOWN_ADDRESS, at: now, success: false });
    throw new FieldProblem('currentPassword', 'security.currentPasswordWrong');
  }
  if (data.newPassword !== data.confirmPassword) throw new FieldProblem('confirmPassword', 'security.passwordsDiffer');
  if (data.newPassword === data.currentPassword) throw new FieldProblem('newPassword', 'security.passwordUnchanged');
  const endedSessions = replacePassword(db, user.id, await hashPassword(data.newPassword), now);
  return { sessionToken: openSession(db, user.id, now, client), endedSessions };
}
