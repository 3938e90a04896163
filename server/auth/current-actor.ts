import { cache } from 'react';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { getDb } from '@/db/client';
import { resolveActor } from '@/features/auth/resolve-actor';
import { SESSION_COOKIE } from '@/domain/auth/session-policy';
import type { Actor } from '@/domain/auth/actor';

/** The signed-in person of this request (or null), resolved once per request. */
export const currentActor = cache(async (): Promise<Actor | null> => {
  const sessionToken = (await cookies()).get(SESSION_COOKIE)?.value;
  return resolveActor(getDb(), { sessionToken });
});

/** For pages and server actions: the actor, or a redirect to the login page. */
export async function requireActor(): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect('/login');
  return actor;
}
