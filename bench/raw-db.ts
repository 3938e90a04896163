// The benchmarks' baseline on either engine: the same statements the product's work comes down to, sent
// straight through the engine's own driver (better-sqlite3 on a connection of its own, bench/raw-sqlite.ts;
// node-postgres on a client of its own), with no mapping, validation or audit. Statements are written once
// with `?` placeholders; on PostgreSQL they are numbered ($1, $2, …). Bulk inserts go in
// the engine's fastest plain way (insertMany), as a careful hand-written program would.
import type Database from 'better-sqlite3';
import pg from 'pg';
import { openRaw } from './raw-sqlite';

export interface RawDb {
  readonly engine: 'sqlite' | 'pg';
  /** A statement's rows, as arrays (no mapping). */
  rows(text: string, params?: readonly unknown[]): Promise<unknown[][]>;
  /**
   * How many rows a statement answers, each row read and dropped (SQLite steps through them without keeping
   * an array, as bench/rating.ts always measured it; node-postgres has no cursor of its own, so it holds them).
   */
  scan(text: string, params?: readonly unknown[]): Promise<number>;
  /** Runs a statement and forgets its answer. */
  run(text: string, params?: readonly unknown[]): Promise<void>;
  /** `work` inside BEGIN … COMMIT (ROLLBACK when it throws). */
  transaction<T>(work: () => Promise<T>): Promise<T>;
  /**
   * Rows into a table in the engine's fastest plain way: SQLite one prepared INSERT a row (in-process, nothing
   * is cheaper), pg multi-row INSERTs of about 1,000 rows (a round trip a row would measure the network). Builds
   * the benchmarks' data, and is the raw side of the import and ingest figures.
   */
  insertMany(table: string, columns: readonly string[], rows: Iterable<readonly unknown[]>): Promise<number>;
  /** The engine's statistics refreshed after building data (SQLite `PRAGMA optimize`, pg `ANALYZE`). */
  analyze(): Promise<void>;
  /** A flag's value as the engine stores it (SQLite 0/1, pg boolean: decision 046). */
  flag(on: boolean): number | boolean;
  /** A Beijing calendar month ("2026-03") of an instant column, as db/sql/dialect.ts spells it per engine. */
  monthOf(column: string): string;
  close(): Promise<void>;
}

/** `?` placeholders numbered for PostgreSQL (the benchmarks' statements hold no `?` in strings). */
export function numbered(text: string): string {
  let n = 0;
  return text.replace(/\?/g, () => `$${++n}`);
}

/** A raw connection of its own to the benchmark's database: a SQLite file or a postgres:// URL. */
export async function openRawDb(location: string): Promise<RawDb> {
  return location.startsWith('postgres') ? openRawPg(location) : rawSqlite(openRaw(location));
}

/** The raw driver over a better-sqlite3 connection the caller already holds. */
export function rawSqlite(c: Database.Database): RawDb {
  return {
    engine: 'sqlite',
    rows: async (text, params = []) =>
      c
        .prepare(text)
        .raw()
        .all(...params) as unknown[][],
    scan: async (text, params = []) => {
      let n = 0;
      for (const _ of c
        .prepare(text)
        .raw()
        .iterate(...params))
        n++;
      return n;
    },
    run: async (text, params = []) => void c.prepare(text).run(...params),
    transaction: async (work) => {
      c.exec('BEGIN IMMEDIATE');
      try {
        const result = await work();
        c.exec('COMMIT');
        return result;
      } catch (error) {
        c.exec('ROLLBACK');
        throw error;
      }
    },
    insertMany: async (table, columns, rows) => {
      const insert = c.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
      let n = 0;
      for (const row of rows) {
        insert.run(...row);
        n++;
      }
      return n;
    },
    analyze: async () => {
      c.pragma('optimize');
    },
    flag: (on) => (on ? 1 : 0),
    monthOf: (column) => `strftime('%Y-%m', ${column} / 1000 + 28800, 'unixepoch')`,
    close: async () => {
      c.close();
    },
  };
}

async function openRawPg(url: string): Promise<RawDb> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  // int8 and numeric as numbers, as the product's engine reads them (db/engine/pg), so that both sides of a
  // comparison do the same conversion work.
  const types = {
    getTypeParser: (oid: number, format?: string) =>
      oid === 20 || oid === 1700 ? Number : (pg.types.getTypeParser as (o: number, f?: string) => unknown)(oid, format),
  } as pg.CustomTypesConfig;
  return {
    engine: 'pg',
    rows: async (text, params = []) =>
      (await client.query({ text: numbered(text), values: [...params], rowMode: 'array', types })).rows as unknown[][],
    scan: async (text, params = []) =>
      (await client.query({ text: numbered(text), values: [...params], rowMode: 'array', types })).rows.length,
    run: async (text, params = []) => void (await client.query({ text: numbered(text), values: [...params] })),
    transaction: async (work) => {
      await client.query('BEGIN');
      try {
        const result = await work();
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    },
    insertMany: async (table, columns, rows) => {
      // Multi-row VALUES, as many rows per statement as the protocol's 65,535 parameters allow (about 1,000).
      const per = Math.min(1000, Math.floor(65_535 / columns.length));
      let chunk: unknown[] = [];
      let inChunk = 0;
      let n = 0;
      const flush = async () => {
        if (inChunk === 0) return;
        const values = Array.from(
          { length: inChunk },
          (_, r) => `(${columns.map((_, c) => `$${r * columns.length + c + 1}`).join(', ')})`,
        ).join(', ');
        await client.query({ text: `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values}`, values: chunk });
        chunk = [];
        inChunk = 0;
      };
      for (const row of rows) {
        chunk.push(...row);
        inChunk++;
        n++;
        if (inChunk === per) await flush();
      }
      await flush();
      // Rows given their own ids leave the identity behind (db/sql/identities.ts): move it past them.
      if (columns.includes('id'))
        await client.query(
          `SELECT setval(pg_get_serial_sequence('${table}', 'id'), coalesce((SELECT max(id) FROM ${table}), 0) + 1, false)`,
        );
      return n;
    },
    analyze: async () => void (await client.query('ANALYZE')),
    flag: (on) => on,
    monthOf: (column) => `to_char(to_timestamp(${column} / 1000 + 28800) AT TIME ZONE 'UTC', 'YYYY-MM')`,
    close: () => client.end(),
  };
}
