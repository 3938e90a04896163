import { boolean, customType } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

// The PostgreSQL twins of ../columns.ts. Each gives the same JS value as its SQLite counterpart, so one
// query source typed against the SQLite tables reads and writes the same values on both engines.

// Every instant is stored as UTC milliseconds since the epoch, as on SQLite, so raw arithmetic on it
// (`t / 1000 + 28800`) means the same on both. node-postgres hands int8 back as a string unless the engine
// parses it: Number() takes either (ms stay below 2^53).
const instantType = customType<{ data: Date; driverData: number | string }>({
  dataType: () => 'bigint',
  toDriver: (value) => value.getTime(),
  fromDriver: (value) => new Date(Number(value)),
});
export const instant = (name: string) => instantType(name);
export const flag = (name: string) => boolean(name);

// Computed per statement row like SQLite's unixepoch('subsec'), not frozen at the transaction's start.
const nowMs = sql`(floor(extract(epoch from clock_timestamp()) * 1000))::bigint`;

export const timestamps = {
  createdAt: instant('created_at').notNull().default(nowMs),
  updatedAt: instant('updated_at')
    .notNull()
    .default(nowMs)
    .$onUpdate(() => new Date()),
};

// JSON kept as text, exactly as SQLite's text json mode maps it (JSON.stringify in, JSON.parse out), not
// json/jsonb: the audit chain hashes the text it reads back, and jsonb would reorder keys and reach
// node-postgres as objects. Queries that look inside cast to ::jsonb.
const jsonText = customType<{ data: unknown; driverData: string }>({
  dataType: () => 'text',
  toDriver: (value) => JSON.stringify(value),
  fromDriver: (value) => JSON.parse(value) as unknown,
});
export const json = <T>(name: string) => jsonText(name).$type<T>();
