'use server';

import { cookies, headers } from 'next/headers';
import { changePassword, changePasswordSchema } from '@/features/auth/change-password';
import { SESSION_COOKIE } from '@/domain/auth/session-policy';
import { safeAction } from '@/server/actions/safe-action';
import { clientAddress, secureCookies } from '@/server/actions/request-info';

/** Changes the signed-in person's password; every other session ends, this browser gets a new one. */
export const changePasswordAction = safeAction(
  // A token or the command line has no password form; only a signed-in person changes their own.
  { schema: changePasswordSchema, allow: (actor) => actor.via === 'session' },
  async (input, { actor, db }) => {
    const { sessionToken, endedSessions } = await changePassword(db, actor.userId, input, new Date(), {
      ip: await clientAddress(),
      userAgent: (await headers()).get('user-agent'),
      sessionId: actor.sessionId,
    });
    (await cookies()).set(SESSION_COOKIE, sessionToken, {
      httpOnly: true,
      sameSite: 'lax',
      secure: await secureCookies(),
      path: '/',
    });
    // The session that made the change ended too and was replaced; the others are what the person lost.
    return { endedSessions: Math.max(0, endedSessions - 1) };
  },
);
