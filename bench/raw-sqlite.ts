// The benchmarks' baseline: bare better-sqlite3 prepared statements on a connection of their own to the
// product's file (the product itself reads and writes through the async engine, decision 040). The same
// durability as the engine's writer (db/engine/open-connection.ts), so that a raw write costs what a
// product write would at the SQLite level.
import Database from 'better-sqlite3';

/** A bare connection to the (existing, migrated) file; WAL is already the file's mode. */
export function openRaw(file: string): Database.Database {
  const sqlite = new Database(file, { fileMustExist: true });
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  return sqlite;
}
