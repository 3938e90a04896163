import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';
import type { Tx } from '../../tx';

// The client drizzle's node-postgres driver talks to (decision 040's promise, kept on PostgreSQL): a statement
// started inside a transaction of this engine's async context runs on that transaction's connection, whether
// it was issued through `tx` or through the Db object; outside one it runs on any pooled connection. drizzle
// alone would send a statement issued through the Db object inside `db.transaction(fn)` to another pooled
// connection, outside the transaction (node-postgres/session.js checks a client out per transaction).

/** The transaction (or snapshot) an async context is inside; `open` turns false when it ends. */
export interface PgContext {
  client: pg.PoolClient;
  open: boolean;
  tx?: Tx;
  /** The connection failed under a statement: it is closed, not returned to the pool. */
  broken?: unknown;
}

/** A write's result as db/ reads it: `(await q.update(…)).changes`, as on SQLite. */
export type PgResult = pg.QueryResult & { changes: number };

/**
 * Set while rawValues (db/engine/raw.ts) starts a statement: its rows come back as arrays, by position. One
 * per process (on globalThis), as run-statement.ts keeps SQLite's: the engine lives on globalThis, and in the
 * built server raw.ts may be another copy of this module (Next's instrumentation bundle beside its routes').
 */
const globalForRows = globalThis as unknown as { fenghuoPgArrayRows?: AsyncLocalStorage<boolean> };
export const arrayRows = (globalForRows.fenghuoPgArrayRows ??= new AsyncLocalStorage<boolean>());

export class Router {
  private readonly context = new AsyncLocalStorage<PgContext>();

  constructor(readonly pool: pg.Pool) {}

  /** The open transaction of the current async context, if any. */
  current(): PgContext | undefined {
    const ctx = this.context.getStore();
    return ctx?.open ? ctx : undefined;
  }

  /** Runs `body` as the async context of a transaction on `client`; the context is closed when it ends. */
  async within<T>(ctx: PgContext, body: () => Promise<T>): Promise<T> {
    try {
      return await this.context.run(ctx, body);
    } finally {
      ctx.open = false;
    }
  }

  /** What drizzle calls: node-postgres' `query(config, values)`. */
  async query(config: pg.QueryConfig, values?: unknown[]): Promise<PgResult> {
    const ctx = this.current();
    const asked = arrayRows.getStore() ? { ...config, rowMode: 'array' as const } : config;
    try {
      const result = ctx ? await ctx.client.query(asked, values) : await this.pool.query(asked, values);
      // node-postgres' own count of the rows a write touched; db/ reads SQLite's name for it.
      return Object.assign(result, { changes: result.rowCount ?? 0 });
    } catch (error) {
      // A server's refusal (a DatabaseError, with its SQLSTATE) leaves the connection usable; anything else
      // (a reset, a protocol error) may not.
      if (ctx && !(error instanceof pg.DatabaseError)) ctx.broken = error;
      throw error;
    }
  }
}
