import { sql, type SQL } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { drizzle as sqliteProxy } from 'drizzle-orm/sqlite-proxy';
import { integer as pgInteger, PgDialect, pgTable } from 'drizzle-orm/pg-core';
import { integer as sqliteInteger, SQLiteSyncDialect, sqliteTable } from 'drizzle-orm/sqlite-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawAll, rawGet } from '@/db/engine';
import { rawValues } from '@/db/engine/raw';
import type { Queryable } from '@/db/tx';
import { createTestDb, type TestDb } from '@/tests/setup/test-db';
import {
  ascNullsFirst,
  containsText,
  descNullsLast,
  integerValue,
  isPg,
  jsonArrayHead,
  jsonArrayLength,
  jsonField,
  monthOf,
  selectedColumn,
  selectJsonRows,
  stringAggDistinct,
  unindexed,
  yearOf,
} from './dialect';
import { forUpdateOnPg, lockKey, lockRecords, lockStatement, recordLockStatements } from './locks';

// Each fragment rendered on both dialects without a server (the text each engine will be sent), and run on
// the test database of the engine the vitest project runs (SQLite, or PostgreSQL in the pg project): the same
// answers on both.

/** Database handles that never connect: enough for fragments to tell the dialect. */
const pgq = drizzle.mock() as unknown as Queryable;
const sqliteq = sqliteProxy(async () => ({ rows: [] })) as unknown as Queryable;
const pgText = (fragment: SQL) => new PgDialect().sqlToQuery(fragment);
const sqliteText = (fragment: SQL) => new SQLiteSyncDialect().sqlToQuery(fragment);

/** An instant (ms) as a value either engine reads as a 64-bit integer. */
const ms = (iso: string) => sql`CAST(${Date.parse(iso)} AS BIGINT)`;
const col = sql.raw('c');

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t?.close());

/** Each case: the fragment for a dialect's handle, the pg text, the SQLite text, and the answer on both engines. */
interface Case {
  name: string;
  select: (q: Queryable) => SQL;
  pg: string;
  sqlite: string;
  answer: unknown;
}

const cases: Case[] = [
  {
    name: 'monthOf: Beijing month, the first hours of a month in UTC+8 being the previous month in UTC',
    select: (q) => monthOf(q, ms('2025-12-31T16:00:00Z')),
    pg: `to_char(to_timestamp(CAST($1 AS BIGINT) / 1000 + 28800) AT TIME ZONE 'UTC', 'YYYY-MM')`,
    sqlite: `strftime('%Y-%m', CAST(? AS BIGINT) / 1000 + 28800, 'unixepoch')`,
    answer: '2026-01',
  },
  {
    name: 'monthOf: the last millisecond of a Beijing month',
    select: (q) => monthOf(q, ms('2026-01-31T15:59:59.999Z')),
    pg: `to_char(to_timestamp(CAST($1 AS BIGINT) / 1000 + 28800) AT TIME ZONE 'UTC', 'YYYY-MM')`,
    sqlite: `strftime('%Y-%m', CAST(? AS BIGINT) / 1000 + 28800, 'unixepoch')`,
    answer: '2026-01',
  },
  {
    name: 'yearOf: Beijing year as an integer',
    select: (q) => yearOf(q, ms('2025-12-31T16:00:00Z')),
    pg: `extract(year from to_timestamp(CAST($1 AS BIGINT) / 1000 + 28800) AT TIME ZONE 'UTC')::integer`,
    sqlite: `CAST(strftime('%Y', CAST(? AS BIGINT) / 1000 + 28800, 'unixepoch') AS INTEGER)`,
    answer: 2026,
  },
  {
    name: 'yearOf: still the old year one millisecond before',
    select: (q) => yearOf(q, ms('2025-12-31T15:59:59.999Z')),
    pg: `extract(year from to_timestamp(CAST($1 AS BIGINT) / 1000 + 28800) AT TIME ZONE 'UTC')::integer`,
    sqlite: `CAST(strftime('%Y', CAST(? AS BIGINT) / 1000 + 28800, 'unixepoch') AS INTEGER)`,
    answer: 2025,
  },
  {
    name: 'jsonArrayHead: the first n elements, each as stored (key order kept)',
    select: (q) => jsonArrayHead(q, sql`${'[{"rule":"b","floor":"red"},{"rule":"a"},{"rule":"c"}]'}`, 2),
    pg: `(SELECT coalesce(json_agg(h.e ORDER BY h.i), '[]')::text FROM (SELECT e, i FROM json_array_elements($1::json) WITH ORDINALITY x(e, i) ORDER BY i LIMIT $2) h)`,
    sqlite: `(SELECT json_group_array(json(value)) FROM (SELECT value FROM json_each(?) LIMIT ?))`,
    answer: [{ rule: 'b', floor: 'red' }, { rule: 'a' }],
  },
  {
    name: 'jsonArrayHead: [] for an empty array',
    select: (q) => jsonArrayHead(q, sql`${'[]'}`, 5),
    pg: `(SELECT coalesce(json_agg(h.e ORDER BY h.i), '[]')::text FROM (SELECT e, i FROM json_array_elements($1::json) WITH ORDINALITY x(e, i) ORDER BY i LIMIT $2) h)`,
    sqlite: `(SELECT json_group_array(json(value)) FROM (SELECT value FROM json_each(?) LIMIT ?))`,
    answer: [],
  },
  {
    name: 'jsonArrayLength',
    select: (q) => jsonArrayLength(q, sql`${'[1,2,3]'}`),
    pg: `json_array_length($1::json)`,
    sqlite: `json_array_length(?)`,
    answer: 3,
  },
  {
    name: 'jsonField: a key of an object held as text',
    select: (q) => jsonField(q, sql`${'{"session":"s-1","other":2}'}`, 'session'),
    pg: `($1::json ->> 'session')`,
    sqlite: `json_extract(?, '$.session')`,
    answer: 's-1',
  },
  {
    name: 'jsonField: null when absent',
    select: (q) => jsonField(q, sql`${'{"other":2}'}`, 'session'),
    pg: `($1::json ->> 'session')`,
    sqlite: `json_extract(?, '$.session')`,
    answer: null,
  },
  {
    name: 'containsText: ignores ASCII case',
    select: (q) => sql`CASE WHEN ${containsText(q, sql`${'Lab-7 fire'}`, 'lab-7')} THEN 1 ELSE 0 END`,
    pg: `CASE WHEN $1 ilike $2 escape '\\' THEN 1 ELSE 0 END`,
    sqlite: `CASE WHEN ? like ? escape '\\' THEN 1 ELSE 0 END`,
    answer: 1,
  },
  {
    name: 'containsText: the user’s % and _ are literal',
    select: (q) => sql`CASE WHEN ${containsText(q, sql`${'100 percent'}`, '100%')} THEN 1 ELSE 0 END`,
    pg: `CASE WHEN $1 ilike $2 escape '\\' THEN 1 ELSE 0 END`,
    sqlite: `CASE WHEN ? like ? escape '\\' THEN 1 ELSE 0 END`,
    answer: 0,
  },
  {
    name: 'unindexed: the bare column on pg, SQLite’s unary + otherwise',
    select: (q) => sql`CASE WHEN ${unindexed(q, sql`${'incidents'}`)} = 'incidents' THEN 1 ELSE 0 END`,
    pg: `CASE WHEN $1 = 'incidents' THEN 1 ELSE 0 END`,
    sqlite: `CASE WHEN +? = 'incidents' THEN 1 ELSE 0 END`,
    answer: 1,
  },
  {
    name: 'integerValue: a bound integer typed where nothing else types it (pg would take it as text)',
    select: () => sql`(SELECT sum(x) FROM (SELECT ${integerValue(3)} AS x UNION ALL SELECT ${integerValue(4)}) AS s)`,
    pg: `(SELECT sum(x) FROM (SELECT CAST($1 AS INTEGER) AS x UNION ALL SELECT CAST($2 AS INTEGER)) AS s)`,
    sqlite: `(SELECT sum(x) FROM (SELECT CAST(? AS INTEGER) AS x UNION ALL SELECT CAST(? AS INTEGER)) AS s)`,
    answer: 7,
  },
];

describe('dialect fragments', () => {
  it('tell the dialect from the handle', () => {
    expect(isPg(pgq)).toBe(true);
    expect(isPg(sqliteq)).toBe(false);
  });

  it.each(cases)('$name: renders for each dialect', (c) => {
    expect(pgText(c.select(pgq)).sql).toBe(c.pg);
    expect(sqliteText(c.select(sqliteq)).sql).toBe(c.sqlite);
  });

  it.each(cases)('$name: answers on the test database', async (c) => {
    const row = await rawGet<{ v: unknown }>(t.db, sql`SELECT ${c.select(t.db)} AS v`);
    expect(parsed(row?.v)).toEqual(c.answer);
  });

  it('stringAggDistinct joins the distinct values by commas', async () => {
    const rows = sql`(SELECT 'red' AS c UNION ALL SELECT 'red' UNION ALL SELECT 'blue') AS r`;
    expect(pgText(sql`SELECT ${stringAggDistinct(pgq, col)} FROM ${rows}`).sql).toBe(
      `SELECT string_agg(DISTINCT c::text, ',') FROM (SELECT 'red' AS c UNION ALL SELECT 'red' UNION ALL SELECT 'blue') AS r`,
    );
    const row = await rawGet<{ v: string }>(t.db, sql`SELECT ${stringAggDistinct(t.db, col)} AS v FROM ${rows}`);
    expect(row!.v.split(',').sort()).toEqual(['blue', 'red']);
  });

  it('selectJsonRows gives the array’s rows in order, cells typed, after the leading values', async () => {
    const json = JSON.stringify([
      ['b', 7, null],
      ['a', null, 'x'],
    ]);
    const cells = ['text', 'integer', 'text'] as const;
    expect(pgText(selectJsonRows(pgq, integerValue(5), json, cells)).sql).toBe(
      'SELECT CAST($1 AS INTEGER), e ->> 0, (e ->> 1)::integer, e ->> 2 FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY x(e, i) ORDER BY i',
    );
    expect(sqliteText(selectJsonRows(sqliteq, integerValue(5), json, cells)).sql).toBe(
      'SELECT CAST(? AS INTEGER), value ->> 0, value ->> 1, value ->> 2 FROM json_each(?) ORDER BY key',
    );
    expect(await rawValues(t.db, selectJsonRows(t.db, integerValue(5), json, cells))).toEqual([
      [5, 'b', 7, null],
      [5, 'a', null, 'x'],
    ]);
  });

  it('selectedColumn groups an expression with bound values by position, and refuses a position that is not one', async () => {
    expect(sqliteText(sql`GROUP BY ${selectedColumn(2)}`).sql).toBe('GROUP BY 2');
    const below = sql`CASE WHEN c < ${2} THEN ${integerValue(0)} ELSE ${integerValue(1)} END`;
    const values = sql`(SELECT 1 AS c UNION ALL SELECT 2 UNION ALL SELECT 3) AS r`;
    const rows = await rawAll<{ b: number; n: number }>(
      t.db,
      sql`SELECT ${below} AS b, count(*) AS n FROM ${values} GROUP BY ${selectedColumn(1)} ORDER BY 1`,
    );
    expect(rows).toEqual([
      { b: 0, n: 1 },
      { b: 1, n: 2 },
    ]);
    expect(() => selectedColumn(0)).toThrow(RangeError);
    expect(() => selectedColumn(1.5)).toThrow(RangeError);
  });

  it('orders NULL as SQLite does, said explicitly for pg', async () => {
    expect(pgText(ascNullsFirst(col)).sql).toBe('c ASC NULLS FIRST');
    expect(pgText(descNullsLast(col)).sql).toBe('c DESC NULLS LAST');
    const values = sql`(SELECT 2 AS c UNION ALL SELECT NULL UNION ALL SELECT 1) AS r`;
    const order = async (by: SQL) =>
      (await rawAll<{ c: number | null }>(t.db, sql`SELECT c FROM ${values} ORDER BY ${by}`)).map((r) => r.c);
    expect(await order(ascNullsFirst(col))).toEqual([null, 1, 2]);
    expect(await order(descNullsLast(col))).toEqual([2, 1, null]);
  });

  it('refuses a JSON key that is not a plain name', () => {
    expect(() => jsonField(pgq, col, "x') OR 1=1 --")).toThrow(RangeError);
  });
});

describe('locks', () => {
  it('take a transaction-scoped advisory lock on pg, by the name’s hash and a sub-key', () => {
    const q = pgText(lockStatement('ratings', 2026));
    expect(q.sql).toBe('SELECT pg_advisory_xact_lock(hashtext($1), $2)');
    expect(q.params).toEqual(['ratings', 2026]);
    expect(pgText(lockStatement('audit')).params).toEqual(['audit', 0]);
    expect(() => lockStatement('records:incidents', 2 ** 31)).toThrow(RangeError);
  });

  it('lock a batch of records by institute, ascending after the kind-wide lock shared, or the whole kind above 64 institutes', () => {
    const texts = (ids: number[]) => recordLockStatements('incidents', ids).map((s) => [pgText(s).sql, pgText(s).params]);
    expect(texts([7, 3, 7])).toEqual([
      ['SELECT pg_advisory_xact_lock_shared(hashtext($1), $2)', ['records:incidents', 0]],
      ['SELECT pg_advisory_xact_lock(hashtext($1), $2)', ['records:incidents', 3]],
      ['SELECT pg_advisory_xact_lock(hashtext($1), $2)', ['records:incidents', 7]],
    ]);
    expect(texts(Array.from({ length: 64 }, (_, i) => i + 1))).toHaveLength(65);
    expect(texts(Array.from({ length: 65 }, (_, i) => i + 1))).toEqual([
      ['SELECT pg_advisory_xact_lock(hashtext($1), $2)', ['records:incidents', 0]],
    ]);
  });

  it('lock the rows a select reads FOR UPDATE on pg, and leave the select as it is on SQLite', () => {
    type Select = { toSQL: () => { sql: string } };
    const pgSelect = (pgq as unknown as { select: () => { from: (t: unknown) => Select } })
      .select()
      .from(pgTable('t', { id: pgInteger('id') }));
    const sqliteSelect = (sqliteq as unknown as { select: () => { from: (t: unknown) => Select } })
      .select()
      .from(sqliteTable('t', { id: sqliteInteger('id') }));
    expect(forUpdateOnPg(pgq, pgSelect).toSQL().sql).toBe('select "id" from "t" for update');
    expect(forUpdateOnPg(sqliteq, sqliteSelect).toSQL().sql).toBe('select "id" from "t"');
  });

  it('are taken inside a transaction (nothing to take on SQLite, whose single writer already serialises)', async () => {
    await expect(t.db.transaction((tx) => lockKey(tx, 'audit').then(() => 'held'))).resolves.toBe('held');
    await expect(t.db.transaction((tx) => lockRecords(tx, 'incidents', [1, 2]).then(() => 'held'))).resolves.toBe('held');
  });
});

/** JSON text from either engine compared as its value. */
function parsed(v: unknown): unknown {
  if (typeof v !== 'string' || !/^[[{]/.test(v)) return v;
  return JSON.parse(v);
}

describe('selectJsonRows without leading values', () => {
  it('gives the cells alone', async () => {
    const json = JSON.stringify([
      ['b', 7, null],
      ['a', null, 'x'],
    ]);
    const cells = ['text', 'integer', 'text'] as const;
    expect(pgText(selectJsonRows(pgq, null, json, cells)).sql).toBe(
      'SELECT e ->> 0, (e ->> 1)::integer, e ->> 2 FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY x(e, i) ORDER BY i',
    );
    expect(sqliteText(selectJsonRows(sqliteq, null, json, cells)).sql).toBe(
      'SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each(?) ORDER BY key',
    );
    expect(await rawValues(t.db, selectJsonRows(t.db, null, json, cells))).toEqual([
      ['b', 7, null],
      ['a', null, 'x'],
    ]);
  });
});
