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

/** Rows per statement on PostgreSQL: one JSON parameter of a few MB, usually. */
export const PG_ROWS_PER_STATEMENT = 5_000;
/**
 * Characters of JSON per statement on PostgreSQL, whatever the row count: rows with long texts (a hazard's
 * description and rectification plan may hold 10,000 characters each, in three bytes apiece) would otherwise
 * make a parameter of hundreds of MB, past what one jsonb value may hold (about 256 MB).
 */
export const PG_JSON_CHARS_PER_STATEMENT = 32 * 1024 * 1024;

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
  pgJsonChars = PG_JSON_CHARS_PER_STATEMENT,
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
    out.push(...(await insertChunkPg(q, table, rows.slice(i, i + PG_ROWS_PER_STATEMENT), pgJsonChars, returning)));
  }
  return out;
}

/** The keys a row gives a value (an `undefined` value is no value: drizzle writes the default there too). */
const givenKeys = (row: Record<string, unknown>) => Object.keys(row).filter((key) => row[key] !== undefined);

/** One INSERT … SELECT FROM jsonb_array_elements($1), in the rows' order, on PostgreSQL. */
async function insertChunkPg<R extends Record<string, DbColumn>>(
  q: Queryable,
  table: DbTable,
  rows: readonly Record<string, unknown>[],
  jsonChars: number,
  returning?: R,
): Promise<{ [K in keyof R]: unknown }[]> {
  const columns = getTableColumns(table) as Record<string, DbColumn>;
  const keys = [...new Set(rows.flatMap(givenKeys))];
  const named = keys.map((key) => {
    const column = columns[key];
    if (!column) throw new RangeError(`${getTableName(table)} has no column ${key}`);
    // One statement sends every row every column: a row without one is NULL there, which is drizzle's
    // `default` only for a column without a default. Such rows would need statements of their own.
    if (column.hasDefault && rows.some((row) => row[key] === undefined))
      throw new RangeError(`${getTableName(table)}.${column.name}: some rows give it and some leave it to its default`);
    return { key, column };
  });
  const encoded = rows.map((row) => JSON.stringify(named.map(({ key, column }) => driverValue(column, row[key]))));
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
  const out: { [K in keyof R]: unknown }[] = [];
  // In the rows' order, as many rows a statement as fit in `jsonChars` (at least one).
  for (let from = 0; from < encoded.length;) {
    let to = from;
    let chars = 2;
    while (to < encoded.length && (to === from || chars + encoded[to]!.length + 1 <= jsonChars)) chars += encoded[to++]!.length + 1;
    const json = `[${encoded.slice(from, to).join(',')}]`;
    out.push(
      ...(await rawAll<{ [K in keyof R]: unknown }>(
        q,
        sql`INSERT INTO ${sql.identifier(getTableName(table))} (${target})
            SELECT ${fields} FROM jsonb_array_elements(${json}::jsonb) WITH ORDINALITY AS r(e, i) ORDER BY r.i${answer}`,
      )),
    );
    from = to;
  }
  // The driver's values as drizzle's returning gives them: an instant as a Date, a flag as a boolean.
  const decoded = Object.entries(returning ?? {});
  for (const row of out as Record<string, unknown>[]) {
    for (const [as, column] of decoded) if (row[as] !== null && row[as] !== undefined) row[as] = column.mapFromDriverValue(row[as]);
  }
  return out;
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
