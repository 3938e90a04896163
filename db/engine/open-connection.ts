import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { dbConfig } from '../config';

/**
 * Opens a SQLite connection with the settings the product relies on (see docs/decisions/001-sqlite-driver.md):
 * the engine's writer (db/engine/connections.ts).
 */
export function openConnection(file: string, busyTimeoutMs = dbConfig().FENGHUO_DB_BUSY_TIMEOUT_MS): Database.Database {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  // FULL: a committed submission survives a power cut, not only a crash of the process.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  // Synchronous work on the writer (migrations, backup) waits this long for another process's lock, then
  // fails with SQLITE_BUSY, which every edge answers as "busy, try again" (db/busy.ts).
  sqlite.pragma(`busy_timeout = ${Math.trunc(busyTimeoutMs)}`);
  return sqlite;
}
