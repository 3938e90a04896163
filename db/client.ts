import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import * as schema from './schema';
import { dbConfig } from './config';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/**
 * Opens a SQLite connection with the settings the product relies on (see docs/decisions/001-sqlite-driver.md):
 * the synchronous layer's one connection, and the async engine's writer (db/engine).
 */
export function openConnection(file: string, busyTimeoutMs = dbConfig().FENGHUO_DB_BUSY_TIMEOUT_MS): Database.Database {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  // FULL: a committed submission survives a power cut, not only a crash of the process.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  // A writer waits this long for another's lock, then fails with SQLITE_BUSY, which every edge answers as
  // "busy, try again" (db/busy.ts).
  sqlite.pragma(`busy_timeout = ${Math.trunc(busyTimeoutMs)}`);
  return sqlite;
}

/** The synchronous drizzle layer over one connection (see openConnection). */
export function openDatabase(file: string, busyTimeoutMs = dbConfig().FENGHUO_DB_BUSY_TIMEOUT_MS): Db {
  return drizzle(openConnection(file, busyTimeoutMs), { schema }) as Db;
}

/**
 * A connection that can only read, to a database that must exist: the import pool's workers check uploads
 * on one of their own while the server's connection writes (WAL lets both proceed).
 */
export function openReadOnly(file: string): Db {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  sqlite.pragma('busy_timeout = 5000');
  return drizzle(sqlite, { schema }) as Db;
}

// One connection per process and file; kept on globalThis so that development reloads do not leak handles.
const globalForDb = globalThis as unknown as { fenghuoDb?: { file: string; db: Db } };

export function getDb(): Db {
  const file = dbConfig().FENGHUO_DB;
  if (!globalForDb.fenghuoDb || globalForDb.fenghuoDb.file !== file) {
    globalForDb.fenghuoDb = { file, db: openDatabase(file) };
  }
  return globalForDb.fenghuoDb.db;
}
