import { is, type SQL } from 'drizzle-orm';
import { PgDatabase } from 'drizzle-orm/pg-core';
import type { Queryable, RunResult } from '../tx';
import { arrayRows, type PgResult } from './pg/router';
import { objectRows, rowSink } from './run-statement';

// Raw SQL for what the query builder cannot say (heatmaps, recursive unit trees, backup): built with
// drizzle's `sql` template, so values are bound parameters, and run on the connection the caller's context
// uses (its transaction, else the reader or the pool). Rows come back as objects keyed by column name.
// On PostgreSQL `q` is a PgDatabase (a PgTransaction is one too) whatever its type says (decision 046): the
// SQLite-only all/get/run/values are not there, so each helper runs the statement through `execute`.

/** A pg database or transaction, as raw SQL runs on it. */
interface PgRunner {
  execute(query: SQL): PromiseLike<PgResult>;
}

function pgOf(q: Queryable): PgRunner | undefined {
  return is(q, PgDatabase) ? (q as unknown as PgRunner) : undefined;
}

/** Every row of a raw query. */
export function rawAll<T>(q: Queryable, query: SQL): Promise<T[]> {
  const pg = pgOf(q);
  if (pg) return Promise.resolve(pg.execute(query)).then((result) => result.rows as T[]);
  // `.then` inside run(): drizzle starts the statement there, so the engine sees the flag.
  return objectRows.run(true, () => q.all<T>(query).then((rows) => rows));
}

/** The first row of a raw query, or undefined. */
export function rawGet<T>(q: Queryable, query: SQL): Promise<T | undefined> {
  const pg = pgOf(q);
  if (pg) return Promise.resolve(pg.execute(query)).then((result) => result.rows[0] as T | undefined);
  return objectRows.run(true, () => q.get<T | undefined>(query).then((row) => row));
}

/** Every row of a raw query as an array of its columns, by position (no mapping by name: the rating's bulk reads; two columns may share a name). */
export function rawValues<T extends unknown[]>(q: Queryable, query: SQL): Promise<T[]> {
  const pg = pgOf(q);
  // `.then` inside run(), as above: the router reads the flag when drizzle starts the statement.
  if (pg) return arrayRows.run(true, () => Promise.resolve(pg.execute(query).then((result) => result.rows as T[])));
  return q.values<T>(query).then((rows) => rows);
}

/**
 * Each row of a raw query, as an array of its columns by position, handed to `onRow` as it is read: on SQLite
 * while the statement steps (no array of every row is ever held); PostgreSQL's driver answers the rows
 * together, so there they are handed over one by one from its answer. For bulk reads mapped into records.
 */
export function rawEach<T extends unknown[]>(q: Queryable, query: SQL, onRow: (row: T) => void): Promise<void> {
  if (pgOf(q)) {
    return rawValues<T>(q, query).then((rows) => {
      for (const row of rows) onRow(row);
    });
  }
  // drizzle wraps what the statement throws in its own "Failed query" error: a throw of onRow's is answered as itself.
  let thrown: { error: unknown } | undefined;
  const sink = (row: unknown[]) => {
    try {
      onRow(row as T);
    } catch (error) {
      thrown = { error };
      throw error;
    }
  };
  return rowSink.run({ onRow: sink }, () =>
    q.values(query).then(
      () => undefined,
      (error: unknown) => {
        throw thrown ? thrown.error : error;
      },
    ),
  );
}

/** A raw write: how many rows it changed (and, on SQLite, the last inserted rowid). */
export function rawRun(q: Queryable, query: SQL): Promise<RunResult> {
  const pg = pgOf(q);
  if (pg) return Promise.resolve(pg.execute(query)).then((result) => ({ changes: result.changes }));
  return q.run(query).then((result) => result);
}

/** The first of some rows (a `.limit(1)` select), or undefined: `first(await q.select()…limit(1))`. */
export function first<T>(rows: readonly T[]): T | undefined {
  return rows[0];
}
