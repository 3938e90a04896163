import { AsyncLocalStorage } from 'node:async_hooks';
import Database from 'better-sqlite3';
import { openConnection } from './open-connection';
import type { Tx } from '../tx';
import { Mutex } from './mutex';
import { runStatement, type Method, type ProxyResult } from './run-statement';
import { StatementCache } from './statement-cache';
import { takeWriteLock } from './write-lock';

/** A connection, the queue in front of it, and whether its transactions take SQLite's write lock. */
export interface Lane {
  name: string;
  connection: Database.Database;
  statements: StatementCache;
  queue: Mutex;
  writes: boolean;
}

/** The transaction (or snapshot) an async context is inside; `open` turns false when it ends. */
export interface Context {
  lane: Lane;
  deadline: number;
  open: boolean;
  tx?: Tx;
}

/** Read-only connections kept for snapshots: each holds its own page cache, so a few, not one per view. */
const SNAPSHOT_CONNECTIONS = 4;

function lane(name: string, connection: Database.Database, cacheSize: number, writes: boolean): Lane {
  return { name, connection, statements: new StatementCache(connection, cacheSize), queue: new Mutex(), writes };
}

function openReader(file: string, busyTimeoutMs: number): Database.Database {
  const connection = new Database(file, { readonly: true, fileMustExist: true });
  connection.pragma(`busy_timeout = ${Math.trunc(busyTimeoutMs)}`);
  return connection;
}

/**
 * The engine's connections to one file and which of them a statement runs on: the transaction (or
 * snapshot) of the current async context if there is one, else the read-only connection for a statement
 * that only reads, else the writer, as a transaction of its own. `:memory:` has no second connection to
 * read from, so there every statement outside a transaction waits for the write queue.
 */
export class Connections {
  readonly writer: Lane;
  readonly reader: StatementCache;
  private readonly readOnly?: Database.Database;
  private readonly snapshots: Lane[] = [];
  private readonly context = new AsyncLocalStorage<Context>();

  constructor(
    private readonly file: string,
    private readonly busyMs: number,
    private readonly cacheSize: number,
  ) {
    // The engine's own transactions wait for another process's lock in takeWriteLock, between awaits; the
    // busy_timeout set here serves synchronous work on the writer (migrations at start, backup).
    this.writer = lane('write', openConnection(file, busyMs), cacheSize, true);
    this.readOnly = this.single ? undefined : openReader(file, busyMs);
    this.reader = this.readOnly ? new StatementCache(this.readOnly, cacheSize) : this.writer.statements;
  }

  private get single(): boolean {
    return this.file === ':memory:' || this.file === '';
  }

  /** The open transaction of the current async context, if any. */
  current(): Context | undefined {
    const ctx = this.context.getStore();
    return ctx?.open ? ctx : undefined;
  }

  /**
   * Snapshots read on read-only connections of their own, so they neither wait for nor hold up the writer
   * or the shared reader. Several views (the ratings pages, the API's stored pages, dry runs) take one at
   * once: a free connection serves, else a new one up to SNAPSHOT_CONNECTIONS, else the shortest queue.
   */
  snapshotLane(): Lane {
    if (this.single) return this.writer;
    const free = this.snapshots.find((l) => !l.queue.busy);
    if (free) return free;
    if (this.snapshots.length < SNAPSHOT_CONNECTIONS) {
      const added = lane(`snapshot ${this.snapshots.length + 1}`, openReader(this.file, this.busyMs), this.cacheSize, false);
      this.snapshots.push(added);
      return added;
    }
    return this.snapshots.reduce((a, b) => (b.queue.waiting < a.queue.waiting ? b : a));
  }

  /** Runs `body` holding a lane's queue, as the current async context; waits at most `waitMs` (the busy timeout). */
  async inLane<T>(target: Lane, body: (ctx: Context) => Promise<T>, waitMs = this.busyMs): Promise<T> {
    const deadline = Date.now() + waitMs;
    const release = await target.queue.acquire(waitMs, `database ${target.name} queue`);
    const ctx: Context = { lane: target, deadline, open: true };
    try {
      return await this.context.run(ctx, () => body(ctx));
    } finally {
      ctx.open = false;
      // A failed COMMIT leaves the transaction open: the next owner must not find itself inside it.
      if (target.connection.inTransaction) target.connection.exec('ROLLBACK');
      release();
    }
  }

  /**
   * drizzle's proxy callback. `alone` runs a write outside any transaction as a transaction of its own
   * (the engine passes drizzle's own transaction, so it waits for the queue like any other).
   */
  async exec(text: string, params: unknown[], method: Method, alone: (run: () => Promise<ProxyResult>) => Promise<ProxyResult>) {
    const ctx = this.current();
    if (ctx) {
      if (ctx.lane.writes && /^begin\b/i.test(text)) return takeWriteLock(ctx.lane.connection, ctx.deadline);
      // drizzle rolls back after any error; SQLite may already have (SQLITE_FULL, an interrupt).
      if (/^rollback$/i.test(text) && !ctx.lane.connection.inTransaction) return { rows: [] };
      return runStatement(ctx.lane.statements.get(text), params, method);
    }
    const statement = this.reader.get(text);
    if (statement.readonly) {
      const read = async () => runStatement(statement, params, method);
      return this.single ? this.inLane(this.writer, read) : read();
    }
    return alone(async () => runStatement(this.writer.statements.get(text), params, method));
  }

  /** Runs synchronous work on the writer connection itself (migrations at start), holding the write queue. */
  async withWriter<T>(work: (connection: Database.Database) => T): Promise<T> {
    return this.inLane(this.writer, async () => work(this.writer.connection));
  }

  /** Prepared statements held per connection. */
  sizes(): Record<string, number> {
    const lanes = [this.writer, ...this.snapshots];
    return Object.fromEntries([['read', this.reader.size], ...lanes.map((l) => [l.name, l.statements.size])]);
  }

  close(): void {
    this.writer.connection.close();
    this.readOnly?.close();
    for (const l of this.snapshots) l.connection.close();
  }
}
