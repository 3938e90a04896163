import { getTableColumns, sql, type Column } from 'drizzle-orm';
import { getTableConfig, type PgDatabase, type PgQueryResultHKT, type PgTable } from 'drizzle-orm/pg-core';
import * as pgTables from '../schema/pg';
import { rawGet } from '../engine/raw';
import type { Queryable } from '../tx';

// The PostgreSQL side of `cli copy-to` (issue 16 item 5): the pg twins themselves, imported from
// db/schema/pg rather than through db/schema's switch (the copying process runs on SQLite), written with
// multi-row inserts that keep every id. Values arrive as SQLite stores them and are written as the twin
// stores them: instants stay the same milliseconds, 0/1 become booleans, JSON keeps its exact text (the
// audit chain hashes what it reads back), blobs stay bytes.

export interface CopyTable {
  /** The SQL name, as in SQLite. */
  name: string;
  table: PgTable;
  /** JS key and column, per column. */
  columns: [string, Column][];
  /** A column referring to this table's own key (units.parent_id): parents are written first. */
  selfRef?: { column: string; key: string };
  /** The table's integer key is an identity whose sequence must follow the copied ids. */
  identity?: string;
}

/** The tables in an order that fills foreign keys (README "Moving an installation to PostgreSQL"), from the pg twins. */
export function copyTables(): CopyTable[] {
  return pgTables.tableNamesInForeignKeyOrder().map((key) => {
    const table = pgTables[key] as PgTable;
    const config = getTableConfig(table);
    const self = config.foreignKeys.map((fk) => fk.reference()).find((ref) => ref.foreignTable === table);
    const identity = config.columns.find((c) => c.generatedIdentity);
    return {
      name: config.name,
      table,
      columns: Object.entries(getTableColumns(table)),
      selfRef: self ? { column: self.columns[0]!.name, key: self.foreignColumns[0]!.name } : undefined,
      identity: identity?.name,
    };
  });
}

/** The first of the twins' tables that exists in the target and holds a row, or null. */
export async function firstTableWithRows(q: Queryable): Promise<string | null> {
  for (const t of copyTables()) {
    const exists = await rawGet<{ t: string | null }>(q, sql`SELECT to_regclass(${`public.${t.name}`})::text AS t`);
    if (!exists?.t) continue;
    const row = await rawGet<{ found: boolean }>(q, sql`SELECT EXISTS (SELECT 1 FROM ${t.table}) AS found`);
    if (row?.found) return t.name;
  }
  return null;
}

/** How many rows a multi-row insert of this table carries: ~1,000, within PostgreSQL's 65,535 parameters. */
export function batchSize(t: CopyTable): number {
  return Math.max(1, Math.min(1000, Math.floor(60_000 / t.columns.length)));
}

/** One stored SQLite value as the twin's column takes it. */
function pgValue(column: Column, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (column.getSQLType()) {
    case 'bigint':
      // The instant twin maps a Date to its milliseconds: the same integer SQLite held.
      return column.columnType === 'PgCustomColumn' ? new Date(Number(value)) : value;
    case 'boolean':
      return Number(value) === 1;
    case 'text':
      // A JSON column's text goes in as is, past the twin's JSON.stringify: byte for byte what SQLite held.
      return column.columnType === 'PgCustomColumn' ? sql`${value}` : value;
    default:
      return value;
  }
}

/** Writes rows read from SQLite (keyed by column name) into the table's twin, ids included. */
export async function insertRows(tx: Queryable, t: CopyTable, rows: Record<string, unknown>[]): Promise<void> {
  if (!rows.length) return;
  const values = rows.map((row) => Object.fromEntries(t.columns.map(([key, column]) => [key, pgValue(column, row[column.name])])));
  // At run time the transaction is a pg one (the target's engine); the twins' builders render for it.
  const pg = tx as unknown as PgDatabase<PgQueryResultHKT>;
  await pg.insert(t.table).values(values as never);
}

/** Moves an identity's sequence past the copied ids, so the next insert takes max(id) + 1. */
export async function followIdentity(tx: Queryable, t: CopyTable): Promise<void> {
  if (!t.identity) return;
  const column = sql.identifier(t.identity);
  await rawGet(
    tx,
    sql`SELECT setval(pg_get_serial_sequence(${t.name}, ${t.identity}), coalesce(max(${column}), 0) + 1, false) FROM ${t.table}`,
  );
}

/** Rows in a table of the target. */
export async function countRows(q: Queryable, t: CopyTable): Promise<number> {
  return (await rawGet<{ n: number }>(q, sql`SELECT count(*) AS n FROM ${t.table}`))!.n;
}
