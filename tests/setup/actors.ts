import type { Db } from '@/db/client';
import type { Role } from '@/db/schema';
import type { Actor } from '@/domain/auth/actor';
import { logIn } from '@/features/auth/login';
import { resolveActor } from '@/features/auth/resolve-actor';
import { addUser, TEST_PASSWORD } from './small-org';

/** A new user of `role` at `unitCode`, logged in through the real login, as the actor its session resolves to. */
export async function loggedInActor(db: Db, login: string, role: Role, unitCode: string): Promise<Actor> {
  await addUser(db, login, role, unitCode);
  const session = await logIn(db, { login, password: TEST_PASSWORD, ip: '127.0.0.1' });
  if (!session.ok) throw new Error('login failed');
  const actor = resolveActor(db, { sessionToken: session.sessionToken });
  if (!actor) throw new Error('no actor');
  return actor;
}
