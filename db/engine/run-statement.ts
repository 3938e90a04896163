import { AsyncLocalStorage } from 'node:async_hooks';
import type Database from 'better-sqlite3';

/** What the drizzle proxy asks for: rows of a query, one row, or a write's outcome. */
export type Method = 'run' | 'all' | 'values' | 'get';

/** drizzle's sqlite-proxy reads `rows`; a write also answers what better-sqlite3's run() answers. */
export interface ProxyResult {
  rows: unknown;
  changes?: number;
  lastInsertRowid?: number | bigint;
}

/**
 * Set by the raw helpers (raw.ts) around their call: drizzle maps query-builder rows from arrays by
 * position, but hands raw `sql` rows back untouched, so raw callers are given objects keyed by column name.
 * One per process (on globalThis): getEngine keeps the engine there, so after a development reload, or in
 * server/serve.ts beside Next's own bundle, raw.ts and the engine may be different copies of this module.
 */
const globalForRows = globalThis as unknown as { fenghuoObjectRows?: AsyncLocalStorage<true> };
export const objectRows = (globalForRows.fenghuoObjectRows ??= new AsyncLocalStorage<true>());

/**
 * Set by rawEach (raw.ts) around its call: the rows of a `values` read are handed to this function one at a
 * time as SQLite steps through them, instead of an array of them all. A bulk read mapped into other objects
 * (the rating's inputs) then never holds every row at once: each row dies young, where an array of 50,000
 * rows survives the garbage collector's young generation and is copied (measured: about half the read's time).
 * On globalThis for the reason objectRows is.
 */
export interface RowSink {
  /** Taken by the first `values` read that runs in the sink's context: a read started from inside it gets its rows. */
  onRow: ((row: unknown[]) => void) | null;
}
const globalForSink = globalThis as unknown as { fenghuoRowSink?: AsyncLocalStorage<RowSink> };
export const rowSink = (globalForSink.fenghuoRowSink ??= new AsyncLocalStorage<RowSink>());

/** Runs one prepared statement and shapes its result for drizzle. */
export function runStatement(statement: Database.Statement, params: unknown[], method: Method): ProxyResult {
  if (method === 'run' || !statement.reader) {
    const { changes, lastInsertRowid } = statement.run(...params);
    return { rows: method === 'get' ? undefined : [], changes, lastInsertRowid };
  }
  const holder = method === 'values' ? rowSink.getStore() : undefined;
  const sink = holder?.onRow;
  if (holder && sink) {
    holder.onRow = null;
    for (const row of statement.raw(true).iterate(...params)) sink(row as unknown[]);
    return { rows: [] };
  }
  statement.raw(objectRows.getStore() !== true);
  if (method === 'get') return { rows: statement.get(...params) };
  return { rows: statement.all(...params) };
}
