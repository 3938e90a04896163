import type { Db } from './tx';
import { openEngine } from './engine/engine';
import { getEngine } from './engine/get-engine';

export type { Db };

/**
 * Opens the async engine on a SQLite file (docs/decisions/040-async-engine.md): every query a promise,
 * write transactions queued on one writer, reads on a read-only connection.
 */
export function openDatabase(file: string, busyTimeoutMs?: number): Db {
  return openEngine(file, { busyTimeoutMs });
}

/**
 * A database the caller only reads (the import pool's workers check uploads on one of their own while the
 * server writes; WAL lets both proceed). Statements that only read run on the engine's read-only connection.
 */
export function openReadOnly(file: string): Db {
  return openEngine(file, { busyTimeoutMs: 5000 });
}

/** The process's database on FENGHUO_DB (one per process and file). */
export function getDb(): Db {
  return getEngine();
}
