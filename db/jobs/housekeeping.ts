import { lt } from 'drizzle-orm';
import type { Db } from '../tx';
import { loginAttempts, sessions } from '../schema';

/** Removes ended sessions and login attempts older than `before`; returns how many rows went. */
export function purgeExpired(db: Db, now: Date, attemptsBefore: Date): Promise<{ sessions: number; attempts: number }> {
  return db.transaction(async (tx) => ({
    sessions: (await tx.delete(sessions).where(lt(sessions.expiresAt, now))).changes,
    attempts: (await tx.delete(loginAttempts).where(lt(loginAttempts.at, attemptsBefore))).changes,
  }));
}
