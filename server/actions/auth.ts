'use server';

import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { logIn, logOut } from '@/features/auth/login';
import { SESSION_COOKIE } from '@/domain/auth/session-policy';
import { safeNext } from '@/domain/auth/safe-next';
import { isDatabaseBusy, retryAfterSeconds } from '@/db/busy';
import { clientAddress, secureCookies } from '@/server/actions/request-info';
import { env } from '@/server/env';
import { writeTurn } from '@/features/records/submit-off-thread';

export interface LoginState {
  error?: 'invalid' | 'throttled' | 'busy' | 'dbBusy';
  /** With `throttled` and `busy`: how long to wait before the next attempt. */
  retryAfterSeconds?: number;
  fieldErrors?: { login?: 'loginRequired'; password?: 'passwordRequired' };
  login?: string;
}

const loginSchema = z.object({
  login: z.string().trim().min(1, 'loginRequired').max(64),
  password: z.string().min(1, 'passwordRequired').max(256),
  next: z.string().optional(),
});

export async function loginAction(_prev: LoginState, form: FormData): Promise<LoginState> {
  // A post to this action that is not the form (a hand-made body) is answered like an empty form, not a 500.
  if (!(form instanceof FormData)) return { fieldErrors: { login: 'loginRequired', password: 'passwordRequired' } };
  const parsed = loginSchema.safeParse({ login: form.get('login'), password: form.get('password'), next: form.get('next') ?? undefined });
  const login = typeof form.get('login') === 'string' ? String(form.get('login')) : '';
  if (!parsed.success) {
    const fieldErrors: LoginState['fieldErrors'] = {};
    for (const issue of parsed.error.issues) {
      if (issue.path[0] === 'login') fieldErrors.login = 'loginRequired';
      if (issue.path[0] === 'password') fieldErrors.password = 'passwordRequired';
    }
    return { fieldErrors, login };
  }
  // A login writes (its attempt, its session): while the import pool's worker holds SQLite's write lock, wait
  // for it here (decision 032; PostgreSQL has no such lock, and writeTurn answers at once). Past the wait the
  // lock is still taken (a big import): say so at once rather than wait a second time for the lock; a lock
  // taken by another process runs out as the engine's own bounded wait (SQLITE_BUSY, decision 040) and is
  // said alike.
  const busy: LoginState = { error: 'dbBusy', retryAfterSeconds: retryAfterSeconds(env().FENGHUO_DB_BUSY_TIMEOUT_MS), login };
  if (!(await writeTurn(getDb()))) return busy;
  let result: Awaited<ReturnType<typeof logIn>>;
  try {
    result = await logIn(getDb(), {
      login: parsed.data.login,
      password: parsed.data.password,
      ip: await clientAddress(),
      userAgent: (await headers()).get('user-agent'),
    });
  } catch (error) {
    if (isDatabaseBusy(error)) return busy;
    throw error;
  }
  if (!result.ok)
    return result.reason === 'invalid'
      ? { error: 'invalid', login }
      : { error: result.reason, retryAfterSeconds: Math.ceil(result.retryAfterMs / 1000), login };
  const jar = await cookies();
  const previous = jar.get(SESSION_COOKIE)?.value;
  if (previous) await logOut(getDb(), previous);
  jar.set(SESSION_COOKIE, result.sessionToken, {
    httpOnly: true,
    sameSite: 'lax',
    secure: await secureCookies(),
    path: '/',
    // No maxAge: the cookie ends with the browser; the server ends the session on its own clock too.
  });
  redirect(safeNext(parsed.data.next));
}

export async function logoutAction(): Promise<void> {
  const jar = await cookies();
  const token = jar.get(SESSION_COOKIE)?.value;
  if (token) await logOut(getDb(), token);
  jar.delete(SESSION_COOKIE);
  redirect('/login?loggedOut=1');
}
