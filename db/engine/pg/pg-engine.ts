import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import type { PgTransaction, PgTransactionConfig } from 'drizzle-orm/pg-core';
import pg from 'pg';
import * as schema from '../../schema';
import { isDatabaseBusy } from '../../busy';
import { dbConfig } from '../../config';
import type { Db, Tx } from '../../tx';
import { checkout } from './checkout';
import { Router, type PgContext } from './router';
import { parseNumbersAsNumbers } from './types';

// The engine on PostgreSQL (issue 16, decision 046): drizzle's node-postgres driver over a pg.Pool, behind
// the same Db type as the SQLite engine (db/tx.ts, decision 040), so db/ and every caller stay as they are.
// db/schema binds the pg twins when the process runs on PostgreSQL, so the builders get pg tables.

export interface PgEngineOptions {
  /** Most pooled connections; default FENGHUO_DB_POOL. */
  pool?: number;
  /** The longest a transaction waits for a connection and then for each lock; default FENGHUO_DB_BUSY_TIMEOUT_MS. */
  busyTimeoutMs?: number;
  /** Every transaction read-only (the import workers' previews). */
  readOnly?: boolean;
}

/** Thrown to end a snapshot with ROLLBACK, carrying what its function returned. */
class Rollback {
  constructor(readonly value: unknown) {}
}

/** How long writeIfFree waits for a lock before it leaves the write for later (decision 032). */
const FREE_LOCK_MS = 50;
/** Errors after which a transaction is run once more from the start: the server rolled it back whole. */
const RETRIED = new Set(['40001', '40P01']);

type Run = <T>(fn: (tx: Tx) => Promise<T>, how?: { config?: PgTransactionConfig; waitMs?: number; retry?: boolean }) => Promise<T>;

interface PgEngine {
  pool: pg.Pool;
  run: Run;
  /** pool.end(), once close() was called. */
  ended?: Promise<void>;
}

// On globalThis, like the SQLite engines (db/engine/engine.ts): another copy of this module must find them.
const globalForEngines = globalThis as unknown as { fenghuoPgEngines?: WeakMap<object, PgEngine> };
const engines = (globalForEngines.fenghuoPgEngines ??= new WeakMap());

/** The pool: every connection's lock waits bounded by the busy timeout, as is the wait for a connection. */
function openPool(url: string, options: PgEngineOptions, busyMs: number): pg.Pool {
  const settings = [`-c lock_timeout=${busyMs}`, options.readOnly ? '-c default_transaction_read_only=on' : ''];
  const pool = new pg.Pool({
    connectionString: url,
    max: options.pool ?? dbConfig().FENGHUO_DB_POOL,
    // Waiting for a free connection is part of a write's wait: past it, "busy, try again" (db/busy.ts).
    connectionTimeoutMillis: busyMs,
    // A session setting rather than SET LOCAL in each transaction: no round trip, and a write outside a
    // transaction is bounded too (decision 047: every write waits at most FENGHUO_DB_BUSY_TIMEOUT_MS).
    options: settings.join(' ').trim(),
    // Idle pooled connections do not keep a finished CLI command, worker or test process alive.
    allowExitOnIdle: true,
  });
  // An idle connection the server closed (a restart, a terminated backend) must not crash the process.
  pool.on('error', (error) => console.error(`[db] an idle PostgreSQL connection failed: ${error.message}`));
  return pool;
}

type Begin = (fn: (tx: Tx) => Promise<unknown>, config?: PgTransactionConfig) => Promise<unknown>;

/** The engine's transactions: a connection of their own, their async context, a retry after 40001/40P01. */
function transactions(pool: pg.Pool, router: Router, begin: Begin, busyMs: number): Run {
  const once = async <T>(fn: (tx: Tx) => Promise<T>, config: PgTransactionConfig, waitMs: number, lockMs?: number): Promise<T> => {
    const ctx: PgContext = { client: await checkout(pool, waitMs, busyMs), open: true };
    const body = async (tx: Tx) => {
      ctx.tx = tx;
      if (lockMs !== undefined) await asPg(tx).execute(sql.raw(`SET LOCAL lock_timeout = ${Math.max(1, Math.trunc(lockMs))}`));
      return fn(tx);
    };
    try {
      return (await router.within(ctx, () => begin(body, config))) as T;
    } finally {
      ctx.client.release(ctx.broken instanceof Error ? ctx.broken : undefined);
    }
  };
  return async (fn, how = {}) => {
    // Nested inside a transaction of this context: a savepoint, as on SQLite.
    const ctx = router.current();
    if (ctx?.tx) return ctx.tx.transaction(fn);
    const config = how.config ?? { isolationLevel: 'read committed' };
    const waitMs = how.waitMs ?? busyMs;
    try {
      return await once(fn, config, waitMs, how.waitMs);
    } catch (error) {
      // The server rolled the whole transaction back; the body does database work only (decision 047).
      if (how.retry === false || !RETRIED.has(sqlState(error) ?? '')) throw error;
      return once(fn, config, waitMs, how.waitMs);
    }
  };
}

/** Opens the engine on a PostgreSQL database. Connections are made when first needed. */
export function openPgEngine(url: string, options: PgEngineOptions = {}): Db {
  parseNumbersAsNumbers();
  const busyMs = Math.max(1, options.busyTimeoutMs ?? dbConfig().FENGHUO_DB_BUSY_TIMEOUT_MS);
  const pool = openPool(url, options, busyMs);
  const router = new Router(pool);
  const database = drizzle(router as unknown as pg.Pool, { schema });
  // drizzle's own transaction (BEGIN, the function, COMMIT or ROLLBACK; nested: savepoints) through the
  // router, inside the async context that sends those statements to the checked-out connection.
  const run = transactions(pool, router, database.transaction.bind(database) as unknown as Begin, busyMs);
  const db = database as unknown as Db;

  db.transaction = ((fn: (tx: Tx) => Promise<unknown>) => run(fn)) as Db['transaction'];
  db.snapshot = async <T>(fn: (tx: Tx) => Promise<T>): Promise<T> => {
    const undo = async (tx: Tx): Promise<never> => {
      throw new Rollback(await fn(tx));
    };
    try {
      await run(undo, { config: { isolationLevel: 'repeatable read', accessMode: 'read only' } });
    } catch (error) {
      if (error instanceof Rollback) return error.value as T;
      throw error;
    }
    throw new Error('a snapshot ends with ROLLBACK');
  };
  const engine: PgEngine = { pool, run };
  db.close = () => void (engine.ended ??= pool.end());
  // The URL, as the SQLite engine keeps its file: workers open their own engine on it. Never logged as is
  // (it may hold a password): printableLocation in db/config.ts.
  Object.defineProperty(db, 'file', { value: url });
  engines.set(db, engine);
  return db;
}

/** What a Tx is at run time on this engine (the type says SQLite: decision 046). */
function asPg(tx: Tx): PgTransaction<never, never, never> {
  return tx as unknown as PgTransaction<never, never, never>;
}

/** The SQLSTATE of an error or of the driver error it wraps. */
export function sqlState(error: unknown): string | undefined {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof pg.DatabaseError) return e.code;
  }
  return undefined;
}

function engineOf(db: Db): PgEngine {
  const found = engines.get(db);
  if (!found) throw new Error('not a PostgreSQL engine database');
  return found;
}

/** Whether `db` is a PostgreSQL engine of this process. */
export function isPgEngine(db: object): boolean {
  return engines.has(db);
}

/**
 * writeIfFree on PostgreSQL: there is no queue to be free of, so "free" means a connection at hand and no
 * lock held by another for more than FREE_LOCK_MS (lock_not_available, 55P03, answers false).
 */
export async function writeIfFreePg(db: Db, work: (tx: Tx) => Promise<void>): Promise<boolean> {
  try {
    await engineOf(db).run(work, { waitMs: FREE_LOCK_MS, retry: false });
    return true;
  } catch (error) {
    if (isDatabaseBusy(error)) return false;
    throw error;
  }
}

/** Closes the pool and waits until every connection has ended (a test drops the database after). */
export async function closePgEngine(db: Db): Promise<void> {
  db.close();
  await engineOf(db).ended;
}

/** The engine's pool: migrations take a connection of their own from it (db/engine/pg/migrate-pg.ts). */
export function poolOf(db: Db): pg.Pool {
  return engineOf(db).pool;
}
