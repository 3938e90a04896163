import { integer, text } from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';

// Every instant is stored as UTC milliseconds since the epoch; the interface converts to Asia/Shanghai.
export const instant = (name: string) => integer(name, { mode: 'timestamp_ms' });
export const flag = (name: string) => integer(name, { mode: 'boolean' });

export const timestamps = {
  createdAt: instant('created_at')
    .notNull()
    .default(sql`(cast(unixepoch('subsec') * 1000 as integer))`),
  updatedAt: instant('updated_at')
    .notNull()
    .default(sql`(cast(unixepoch('subsec') * 1000 as integer))`)
    .$onUpdate(() => new Date()),
};

export const json = <T>(name: string) => text(name, { mode: 'json' }).$type<T>();
