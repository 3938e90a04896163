import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { BaseSQLiteDatabase, SQLiteColumn, SQLiteTable, SQLiteTransaction } from 'drizzle-orm/sqlite-core';
import type * as schema from './schema';

// The database handles' types, one declaration each (issue 15): the engine's (db/engine, decision 040), the
// names every db/ function takes.

type Schema = typeof schema;

/**
 * What a write answers (better-sqlite3's RunResult): `(await q.update(…)).changes`. The PostgreSQL engine
 * answers `changes` too (its rowCount, db/engine/pg/router.ts) but has no rowid: use `.returning()`.
 */
export interface RunResult {
  changes: number;
  lastInsertRowid?: number | bigint;
}

/** A transaction (or savepoint) of the engine: everything Db can do, plus rollback(). */
export type Tx = SQLiteTransaction<'async', RunResult, Schema, ExtractTablesWithRelations<Schema>>;

/** The engine's database: async drizzle, write transactions queued, reads on a read-only connection. */
export type Db = BaseSQLiteDatabase<'async', RunResult, Schema> & {
  /**
   * Runs `fn` in a consistent read-only view (a transaction on a connection of its own, ended with
   * ROLLBACK): dry runs and previews, which never hold the write lock.
   */
  snapshot<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** Closes the engine's connections (on PostgreSQL it starts ending the pool: closeDatabase waits for it). */
  close(): void;
  /** Where the database is: the SQLite file, or the PostgreSQL URL (may hold a password: never log it as is). */
  readonly file: string;
};

/** What a db/ function takes: the database, or the transaction its caller holds. */
export type Queryable = Db | Tx;

// The table and column types db/ functions take, named once here so that only db/schema, this file, the
// engine and db/sql/alias.ts import drizzle's SQLite core (decision 046: one query source typed against the
// SQLite twins; on PostgreSQL the same names hold the pg twins at run time).

/** A column of a table of the schema, as a query helper takes it. */
export type DbColumn = SQLiteColumn;
/** A table of the schema, as a query helper takes it. */
export type DbTable = SQLiteTable;
