import { eq } from 'drizzle-orm';
import type { Queryable } from '@/db/tx';
import { users } from '@/db/schema';

/** Sets where a user receives alert e-mails (null: none); false when no user has that login. */
export async function setUserEmail(q: Queryable, login: string, email: string | null): Promise<boolean> {
  return (await q.update(users).set({ email }).where(eq(users.login, login))).changes === 1;
}
