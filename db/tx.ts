import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { BaseSQLiteDatabase, SQLiteTransaction } from 'drizzle-orm/sqlite-core';
import type * as schema from './schema';
import type { Db as SyncDb } from './client';

// The database handles' types, one declaration each (issue 15). The async ones (Db, Tx, Queryable) are the
// engine's (db/engine, decision 040) and the names every db/ function will take; the Sync ones are today's
// better-sqlite3 layer, which goes once every area runs on the engine.

type Schema = typeof schema;

/** What a write answers (better-sqlite3's RunResult): `(await q.update(…)).changes`. */
export interface RunResult {
  changes: number;
  lastInsertRowid: number | bigint;
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
  /** Closes the engine's connections. */
  close(): void;
  readonly file: string;
};

/** What a db/ function takes: the database, or the transaction its caller holds. */
export type Queryable = Db | Tx;

export type { SyncDb };
/** A transaction of today's synchronous layer. */
export type SyncTx = Parameters<Parameters<SyncDb['transaction']>[0]>[0];
/** Today's synchronous database or a transaction of it. */
export type SyncQueryable = SyncDb | SyncTx;
