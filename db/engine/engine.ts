import { drizzle as syncDrizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { drizzle, type AsyncRemoteCallback } from 'drizzle-orm/sqlite-proxy';
import * as schema from '../schema';
import { isDatabaseBusy } from '../busy';
import { dbConfig } from '../config';
import { migrationsFolder } from '../migrations-folder';
import type { Db, Tx } from '../tx';
import { Connections } from './connections';
import { migratePg } from './pg/migrate-pg';
import { isPgEngine, writeIfFreePg } from './pg/pg-engine';
import type { Method } from './run-statement';

// The async data engine (docs/decisions/040-async-engine.md): drizzle's sqlite-proxy driver, so every query
// is a promise, over better-sqlite3. One writer connection serves the transaction that holds the write
// queue; every other read goes to a read-only connection on the same WAL file, which sees only committed
// data. Which connection a statement runs on follows the async context it was started from.

export interface EngineOptions {
  /** How long a transaction waits for its turn (queue and file lock together); default FENGHUO_DB_BUSY_TIMEOUT_MS. */
  busyTimeoutMs?: number;
  /** Prepared statements kept per connection. */
  statementCacheSize?: number;
}

/** Thrown to end a snapshot with ROLLBACK, carrying what its function returned. */
class Rollback {
  constructor(readonly value: unknown) {}
}

/** A write transaction that waits at most `waitMs` for its turn (default: the busy timeout). */
type Write = <T>(fn: (tx: Tx) => Promise<T>, waitMs?: number) => Promise<T>;

// On globalThis, like the engine getEngine keeps there: writeIfFree or cachedStatements from another copy of
// this module (a development reload, Next's bundle beside server/serve.ts) must still find it.
const globalForEngines = globalThis as unknown as { fenghuoEngines?: WeakMap<object, { connections: Connections; write: Write }> };
const engines = (globalForEngines.fenghuoEngines ??= new WeakMap());

/** Opens the engine on a SQLite file (created if missing, as the synchronous layer does). */
export function openEngine(file: string, options: EngineOptions = {}): Db {
  const connections = new Connections(
    file,
    options.busyTimeoutMs ?? dbConfig().FENGHUO_DB_BUSY_TIMEOUT_MS,
    options.statementCacheSize ?? 500,
  );
  const exec = (text: string, params: unknown[], method: Method) =>
    connections.exec(text, params, method, (run) => connections.inLane(connections.writer, () => begin(run)));
  const proxy = drizzle(exec as AsyncRemoteCallback, { schema });
  // drizzle's own transaction: BEGIN, the function, COMMIT or ROLLBACK, through exec (nested: savepoints).
  const begin = proxy.transaction.bind(proxy) as unknown as Db['transaction'];
  const db = proxy as unknown as Db;

  const write: Write = (fn, waitMs) => {
    // Nested inside a transaction of this context: a savepoint, as better-sqlite3 nests them today.
    const ctx = connections.current();
    if (ctx?.tx) return ctx.tx.transaction(fn);
    return connections.inLane(connections.writer, (c) => begin((tx) => fn((c.tx = tx)), { behavior: 'immediate' }), waitMs);
  };
  db.transaction = (fn) => write(fn);

  db.snapshot = async <T>(fn: (tx: Tx) => Promise<T>): Promise<T> => {
    const undo = async (tx: Tx) => {
      throw new Rollback(await fn(tx));
    };
    const ctx = connections.current();
    try {
      if (ctx?.tx) await ctx.tx.transaction(undo);
      else await connections.inLane(connections.snapshotLane(), (c) => begin((tx) => undo((c.tx = tx)), { behavior: 'deferred' }));
    } catch (error) {
      if (error instanceof Rollback) return error.value as T;
      throw error;
    }
    throw new Error('a snapshot ends with ROLLBACK');
  };

  db.close = () => connections.close();
  Object.defineProperty(db, 'file', { value: file });
  engines.set(db, { connections, write });
  return db;
}

function engineOf(db: Db): { connections: Connections; write: Write } {
  const found = engines.get(db);
  if (!found) throw new Error('not an engine database');
  return found;
}

const connectionsOf = (db: Db) => engineOf(db).connections;

/**
 * Runs a write that may be left for later (the last-use mark of a session or token) only if the writer is
 * free now, without waiting for the queue or another process's lock (decision 032); answers whether it was
 * written.
 */
export async function writeIfFree(db: Db, work: (tx: Tx) => Promise<void>): Promise<boolean> {
  if (isPgEngine(db)) return writeIfFreePg(db, work);
  try {
    await engineOf(db).write(work, 0);
    return true;
  } catch (error) {
    if (isDatabaseBusy(error)) return false;
    throw error;
  }
}

/**
 * Applies every committed migration not yet applied (db/migrate.ts): on SQLite on the writer, holding the
 * write queue; on PostgreSQL on a connection of its own, holding the migration lock (db/engine/pg/migrate-pg.ts).
 */
export function migrateEngine(db: Db): Promise<void> {
  if (isPgEngine(db)) return migratePg(db);
  return connectionsOf(db).withWriter((connection) => migrate(syncDrizzle(connection, { schema }), { migrationsFolder }));
}

/** Prepared statements held per connection (tests check the cache stays bounded). */
export function cachedStatements(db: Db): Record<string, number> {
  // PostgreSQL prepares on the server, per connection; the engine keeps none.
  if (isPgEngine(db)) return {};
  return connectionsOf(db).sizes();
}
