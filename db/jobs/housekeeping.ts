import { lt } from 'drizzle-orm';
import type { Db } from '../client';
import { loginAttempts, sessions } from '../schema';

/** Removes ended sessions and login attempts older than `before`; returns how many rows went. */
export function purgeExpired(db: Db, now: Date, attemptsBefore: Date): { sessions: number; attempts: number } {
  return db.transaction((tx) => ({
    sessions: tx.delete(sessions).where(lt(sessions.expiresAt, now)).run().changes,
    attempts: tx.delete(loginAttempts).where(lt(loginAttempts.at, attemptsBefore)).run().changes,
  }));
}
