import type { Db } from './tx';
import { closePgEngine, isPgEngine } from './engine/pg/pg-engine';
import { getEngine } from './engine/get-engine';
import { openLocation } from './engine/open-location';

export type { Db };

/**
 * Opens the async engine (docs/decisions/040-async-engine.md) on a SQLite file (every query a promise, write
 * transactions queued on one writer, reads on a read-only connection) or, given a postgres:// URL, on
 * PostgreSQL (a pool; transactions on a connection of their own: db/engine/pg).
 */
export function openDatabase(location: string, busyTimeoutMs?: number): Db {
  return openLocation(location, { busyTimeoutMs });
}

/**
 * A database the caller only reads (the import pool's workers check uploads on one of their own while the
 * server writes; WAL lets both proceed). Statements that only read run on the engine's read-only connection;
 * on PostgreSQL every transaction is read-only.
 */
export function openReadOnly(location: string): Db {
  return openLocation(location, { busyTimeoutMs: 5000, readOnly: true });
}

/** The process's database (one per process and database): FENGHUO_DATABASE_URL, else FENGHUO_DB. */
export function getDb(): Db {
  return getEngine();
}

/** Closes a database and waits until its connections have ended (on SQLite, at once). */
export async function closeDatabase(db: Db): Promise<void> {
  if (isPgEngine(db)) await closePgEngine(db);
  else db.close();
}
