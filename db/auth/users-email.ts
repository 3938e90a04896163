import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { users } from '@/db/schema';

/** Sets where a user receives alert e-mails (null: none); false when no user has that login. */
export function setUserEmail(db: Db, login: string, email: string | null): boolean {
  return db.update(users).set({ email }).where(eq(users.login, login)).run().changes === 1;
}
