import type { Db } from '../tx';
import { withStartupLockPg } from './pg/migrate-pg';
import { isPgEngine } from './pg/pg-engine';

/**
 * Runs the start-up (migrate, then seed: server/startup/bootstrap.ts) once at a time across every server on
 * the database (decision 047 row 11). On PostgreSQL a session advisory lock; on SQLite nothing is needed: the
 * migrator and every seeding transaction hold the one writer.
 */
export function withStartupLock<T>(db: Db, work: () => Promise<T>): Promise<T> {
  return isPgEngine(db) ? withStartupLockPg(db, work) : work();
}
