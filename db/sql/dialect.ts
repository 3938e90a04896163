import { is, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { PgDatabase } from 'drizzle-orm/pg-core';
import type { Queryable } from '@/db/tx';

// The few pieces of SQL that SQLite and PostgreSQL spell differently (decision 046): every
// other statement in db/ is written once and means the same on both. Each fragment is told the dialect by
// the database handle the statement runs on (a pg transaction is a PgDatabase too), never by the process's
// configuration, so a statement and its fragments always agree. Both branches are rendered in
// db/sql/dialect.test.ts, and the SQLite branch is the text that ran before PostgreSQL existed.

/** Whether `q` (a database or a transaction) is PostgreSQL. */
export function isPg(q: Queryable): boolean {
  return is(q, PgDatabase);
}

// Beijing time: Asia/Shanghai has kept UTC+8 without daylight saving since 1991, so a fixed shift of an
// instant (ms since the epoch, UTC, on both engines) gives its calendar; pg reads the shifted instant in UTC.
const shifted = (t: SQLWrapper) => sql`${t} / 1000 + 28800`;

/** The Beijing calendar month ("2026-03") of an instant column or expression. */
export function monthOf(q: Queryable, t: SQLWrapper): SQL<string> {
  return isPg(q)
    ? sql<string>`to_char(to_timestamp(${shifted(t)}) AT TIME ZONE 'UTC', 'YYYY-MM')`
    : sql<string>`strftime('%Y-%m', ${shifted(t)}, 'unixepoch')`;
}

/** The Beijing calendar year (an integer) of an instant column or expression. */
export function yearOf(q: Queryable, t: SQLWrapper): SQL<number> {
  return isPg(q)
    ? sql<number>`extract(year from to_timestamp(${shifted(t)}) AT TIME ZONE 'UTC')::integer`
    : sql<number>`CAST(strftime('%Y', ${shifted(t)}, 'unixepoch') AS INTEGER)`;
}

/**
 * The first `n` elements of a JSON array held as text, as JSON text (`[]` when empty). On pg the array is
 * read as `json`, not `jsonb`, so each element keeps its stored text (key order included).
 */
export function jsonArrayHead(q: Queryable, column: SQLWrapper, n: number): SQL<string> {
  return isPg(q)
    ? sql<string>`(SELECT coalesce(json_agg(h.e ORDER BY h.i), '[]')::text FROM (SELECT e, i FROM json_array_elements(${column}::json) WITH ORDINALITY x(e, i) ORDER BY i LIMIT ${n}) h)`
    : sql<string>`(SELECT json_group_array(json(value)) FROM (SELECT value FROM json_each(${column}) LIMIT ${n}))`;
}

/** How many elements a JSON array held as text has. */
export function jsonArrayLength(q: Queryable, column: SQLWrapper): SQL<number> {
  return isPg(q) ? sql<number>`json_array_length(${column}::json)` : sql<number>`json_array_length(${column})`;
}

/** The value of one top-level key (a name from the code, not from input) of a JSON object held as text. */
export function jsonField(q: Queryable, column: SQLWrapper, key: string): SQL<string | null> {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) throw new RangeError(`not a JSON key name: ${key}`);
  return isPg(q)
    ? sql<string | null>`(${column}::json ->> '${sql.raw(key)}')`
    : sql<string | null>`json_extract(${column}, '$.${sql.raw(key)}')`;
}

/** An aggregate: the distinct values of a text column joined by commas, in no particular order (null for none). */
export function stringAggDistinct(q: Queryable, column: SQLWrapper): SQL<string | null> {
  return isPg(q) ? sql<string | null>`string_agg(DISTINCT ${column}::text, ',')` : sql<string | null>`group_concat(DISTINCT ${column})`;
}

/**
 * `column` contains `words` as typed, ignoring case (SQLite's LIKE ignores ASCII case, pg's does not: ILIKE
 * there); the user's own `%`, `_` and `\` are taken literally.
 */
export function containsText(q: Queryable, column: SQLWrapper, words: string): SQL {
  const pattern = `%${words.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return isPg(q) ? sql`${column} ilike ${pattern} escape '\\'` : sql`${column} like ${pattern} escape '\\'`;
}

/**
 * A column the planner must not reach through an index, for a comparison that an index would make slower
 * than the range beside it (SQLite's unary `+`). pg plans by cost and rejects `+` on text: the bare column.
 */
export function unindexed(q: Queryable, column: SQLWrapper): SQL {
  return isPg(q) ? sql`${column}` : sql`+${column}`;
}

/** The leading values of selectJsonRows and their comma, or nothing. */
const leading = (lead: SQL | null): SQL => (lead ? sql`${lead}, ` : sql``);

/** A cell of a JSON array row (selectJsonRows): its SQL type. */
export type JsonCell = 'integer' | 'text';

/**
 * `SELECT <lead>, <cell 0>, <cell 1>, … FROM <rows>`, the rows being the elements (arrays) of the JSON array
 * `json`, in their order: a bulk insert of thousands of rows as one bound parameter (`INSERT INTO t (…)
 * ${selectJsonRows(…)}`). `lead` (or null: none) holds values every row starts with (a bound value takes the
 * type of the column it is inserted into; anywhere else type it, integerValue); pg reads cells as text, so non-text
 * cells are cast. On pg the array is read as jsonb: each row is parsed once, where a json row is parsed again
 * for every cell read from it (storing 47,000 rating lines: ~480 -> ~310 ms of the server's time).
 */
export function selectJsonRows(q: Queryable, lead: SQL | null, json: string, cells: readonly JsonCell[]): SQL {
  if (isPg(q)) {
    const cols = cells.map((type, i) => (type === 'text' ? sql`e ->> ${sql.raw(String(i))}` : sql`(e ->> ${sql.raw(String(i))})::integer`));
    return sql`SELECT ${leading(lead)}${sql.join(cols, sql`, `)} FROM jsonb_array_elements(${json}::jsonb) WITH ORDINALITY x(e, i) ORDER BY i`;
  }
  const cols = cells.map((_, i) => sql`value ->> ${sql.raw(String(i))}`);
  return sql`SELECT ${leading(lead)}${sql.join(cols, sql`, `)} FROM json_each(${json}) ORDER BY key`;
}

/**
 * The n-th selected column (from 1), for GROUP BY: pg groups an expression only if the selected one is the
 * same expression, and one bound value written twice is two parameters ($3 and $7), so an expression with
 * parameters (a CASE over thresholds) is grouped by its position. Means the same on SQLite.
 */
export function selectedColumn(n: number): SQL {
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`no selected column ${n}`);
  return sql.raw(String(n));
}

// Orders of a nullable column that keep SQLite's answer on PostgreSQL: SQLite sorts NULL as the smallest
// value (first ascending, last descending), pg as the largest. Said explicitly, both agree.

/** Ascending, NULL first (SQLite's own order). */
export function ascNullsFirst(column: SQLWrapper): SQL {
  return sql`${column} ASC NULLS FIRST`;
}

/** Descending, NULL last (SQLite's own order). */
export function descNullsLast(column: SQLWrapper): SQL {
  return sql`${column} DESC NULLS LAST`;
}

/**
 * A bound integer whose type nothing else in the statement says (a CASE's result, a selected constant):
 * pg types such a parameter as text (`sum(text)` does not exist), SQLite takes it as it comes. Portable.
 */
export function integerValue(n: number): SQL<number> {
  if (!Number.isSafeInteger(n)) throw new RangeError(`not an integer: ${n}`);
  return sql<number>`CAST(${n} AS INTEGER)`;
}
