import type { SQL } from 'drizzle-orm';
import type { Queryable, RunResult } from '../tx';
import { objectRows } from './run-statement';

// Raw SQL for what the query builder cannot say (heatmaps, recursive unit trees, backup): built with
// drizzle's `sql` template, so values are bound parameters, and run on the connection the caller's context
// uses (its transaction, else the reader). Rows come back as objects keyed by column name.

/** Every row of a raw query. */
export function rawAll<T>(q: Queryable, query: SQL): Promise<T[]> {
  // `.then` inside run(): drizzle starts the statement there, so the engine sees the flag.
  return objectRows.run(true, () => q.all<T>(query).then((rows) => rows));
}

/** The first row of a raw query, or undefined. */
export function rawGet<T>(q: Queryable, query: SQL): Promise<T | undefined> {
  return objectRows.run(true, () => q.get<T | undefined>(query).then((row) => row));
}

/** A raw write: how many rows it changed and the last inserted rowid. */
export function rawRun(q: Queryable, query: SQL): Promise<RunResult> {
  return q.run(query).then((result) => result);
}

/** Every row of a raw query as an array of its columns, by position (no mapping by name: the rating's bulk reads). */
export function rawValues<T extends unknown[]>(q: Queryable, query: SQL): Promise<T[]> {
  return q.values<T>(query).then((rows) => rows);
}

/** The first of some rows (a `.limit(1)` select), or undefined: `first(await q.select()…limit(1))`. */
export function first<T>(rows: readonly T[]): T | undefined {
  return rows[0];
}
