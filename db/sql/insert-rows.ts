import { getTableColumns, getTableName, sql, type SQL } from 'drizzle-orm';
import { rawAll } from '@/db/engine/raw';
import type { DbColumn, DbTable, Queryable } from '@/db/tx';
import { isPg } from './dialect';

// Inserting thousands of rows (a confirmed import, a large API batch, their audit entries) in few statements.
// On SQLite drizzle's multi-row insert costs little. On PostgreSQL the same 100-row statement carries some
// 2,500 bound parameters, and building it (drizzle types every parameter), sending and parsing it took about
// a third of the CPU of a pg import (issue 16, measured for big-writes-stall): there the rows travel as one
// parameter, a jsonb array of rows (each the array of its values as the column sends them to the driver),
// each value cast to its column's type, as a bound parameter is. jsonb, not json: each row is parsed once,
// not once per column it is read from (pg's CPU for a 20,000-row import ~3.1 s -> ~2.3 s).

/** Rows per statement on PostgreSQL: one JSON parameter of a few MB at most. */
export const PG_ROWS_PER_STATEMENT = 5_000;

/**
 * Inserts `rows` (objects keyed by the table's property names; a column no row names takes its default, one
 * only some rows name is NULL in the others, which must then have no default) and answers, for each inserted row, the `returning` columns (in no
 * guaranteed order), keyed as `returning` names them. Rows are inserted in their order (ids ascend with it).
 * On SQLite `sqliteChunk` rows go in one drizzle insert.
 */
export async function insertRows<R extends Record<string, DbColumn> = Record<never, DbColumn>>(
  q: Queryable,
  table: DbTable,
  rows: readonly Record<string, unknown>[],
  returning?: R,
  sqliteChunk = 100,
): Promise<{ [K in keyof R]: unknown }[]> {
  if (rows.length === 0) return [];
  const out: { [K in keyof R]: unknown }[] = [];
  if (!isPg(q)) {
    for (let i = 0; i < rows.length; i += sqliteChunk) {
      const insert = q.insert(table).values(rows.slice(i, i + sqliteChunk));
      if (returning) out.push(...((await insert.returning(returning)) as { [K in keyof R]: unknown }[]));
      else await insert;
    }
    return out;
  }
  for (let i = 0; i < rows.length; i += PG_ROWS_PER_STATEMENT) {
    out.push(...(await insertChunkPg(q, table, rows.slice(i, i + PG_ROWS_PER_STATEMENT), returning)));
  }
  return out;
}

/** One INSERT … SELECT FROM jsonb_array_elements($1), in the rows' order, on PostgreSQL. */
async function insertChunkPg<R extends Record<string, DbColumn>>(
  q: Queryable,
  table: DbTable,
  rows: readonly Record<string, unknown>[],
  returning?: R,
): Promise<{ [K in keyof R]: unknown }[]> {
  const columns = getTableColumns(table) as Record<string, DbColumn>;
  const keys = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const named = keys.map((key) => {
    const column = columns[key];
    if (!column) throw new RangeError(`${getTableName(table)} has no column ${key}`);
    // One statement sends every row every column: a row without one is NULL there, which is drizzle's
    // `default` only for a column without a default. Such rows would need statements of their own.
    if (column.hasDefault && rows.some((row) => !(key in row)))
      throw new RangeError(`${getTableName(table)}.${column.name}: some rows give it and some leave it to its default`);
    return { key, column };
  });
  const json = JSON.stringify(rows.map((row) => named.map(({ key, column }) => driverValue(column, row[key]))));
  // Arrays, not objects: the column names are not repeated in every row of the parameter.
  const fields = sql.join(
    named.map(({ column }, i) => sql`(r.e ->> ${sql.raw(String(i))})::${sql.raw(pgType(table, column))}`),
    sql`, `,
  );
  const target = sql.join(
    named.map(({ column }) => sql.identifier(column.name)),
    sql`, `,
  );
  const answer: SQL = returning
    ? sql` RETURNING ${sql.join(
        Object.entries(returning).map(([as, column]) => sql`${sql.identifier(column.name)} AS ${sql.identifier(as)}`),
        sql`, `,
      )}`
    : sql``;
  return rawAll<{ [K in keyof R]: unknown }>(
    q,
    sql`INSERT INTO ${sql.identifier(getTableName(table))} (${target})
        SELECT ${fields} FROM jsonb_array_elements(${json}::jsonb) WITH ORDINALITY AS r(e, i) ORDER BY r.i${answer}`,
  );
}

/** A value as the column sends it to the driver (an instant as its milliseconds, JSON as its text). */
function driverValue(column: DbColumn, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  const sent = column.mapToDriverValue(value);
  if (sent !== null && typeof sent === 'object') throw new TypeError(`${column.name}: not a JSON scalar (${typeof sent})`);
  return sent;
}

/** The column's SQL type on pg (a customType's dataType, or the builder's), for the cast from JSON text. */
function pgType(table: DbTable, column: DbColumn): string {
  const type = column.getSQLType();
  if (!/^[a-z][a-z0-9 ]*$/.test(type)) throw new RangeError(`${getTableName(table)}.${column.name}: unexpected type ${type}`);
  return type;
}
