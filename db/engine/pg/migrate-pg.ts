import { AsyncLocalStorage } from 'node:async_hooks';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { ConfigError } from '../../config';
import { pgMigrationsFolder } from '../../migrations-folder';
import type { Db } from '../../tx';
import { rawGet } from '../raw';

// Start-up on PostgreSQL (decision 047 row 11): drizzle's node-postgres migrator over
// db/migrations-pg, under a session advisory lock held on one connection of its own, so that two servers
// starting at once do not both create drizzle's table and apply the same migration (the second waits, then
// finds nothing to do). The lock is reentrant for the async context holding it, so that the whole bootstrap
// (migrate, then seed) can run under it and its migrate step does not wait for itself.

/** How long a start waits for another server's start-up before it gives up. */
const STARTUP_WAIT_MS = 600_000;
/** Collations that order text by bytes, as SQLite does: codes and unit paths sort and match the same way. */
const BYTE_ORDER = new Set(['C', 'POSIX', 'C.UTF-8', 'C.utf8']);

/**
 * The database whose start-up lock this async context holds, and the connection holding it. One per process
 * (on globalThis), like the engine: a copy of this module in another bundle must see the lock as held, not
 * wait for it on a second connection.
 */
const globalForLock = globalThis as unknown as { fenghuoPgStartupLock?: AsyncLocalStorage<{ db: Db; client: pg.Client }> };
const holding = (globalForLock.fenghuoPgStartupLock ??= new AsyncLocalStorage<{ db: Db; client: pg.Client }>());

/** Refuses a database whose text order is not byte order (decision 046), saying how to create one. */
async function refuseCollation(client: pg.Client): Promise<void> {
  // Through to_jsonb: the provider's columns differ between versions (ICU locales since 15, renamed in 17).
  const { rows } = await client.query<{ name: string; collate: string; provider: string | null; icu: string | null }>(
    `SELECT datname AS name, datcollate AS collate, to_jsonb(d) ->> 'datlocprovider' AS provider,
            coalesce(to_jsonb(d) ->> 'daticulocale', to_jsonb(d) ->> 'datlocale') AS icu
       FROM pg_database d WHERE datname = current_database()`,
  );
  const found = rows[0];
  if (!found) return;
  const order =
    found.provider === 'i' ? `the ICU locale ${found.icu}` : BYTE_ORDER.has(found.collate) ? null : `the collation ${found.collate}`;
  if (order) {
    throw new ConfigError(
      `The PostgreSQL database "${found.name}" sorts text by ${order}; Fenghuo needs byte order (C.UTF-8) so that ` +
        `codes and unit paths sort and match as on SQLite. Create the database with:\n` +
        `  createdb --encoding=UTF8 --locale=C.UTF-8 --locale-provider=libc -T template0 ${found.name}`,
    );
  }
}

/**
 * Runs `work` holding the start-up lock `pg_advisory_lock(hashtext('fenghuo:migrate'))` on a connection of
 * its own, outside the pool (a pool of one must still serve `work`'s statements). Inside `work`, a nested
 * call for the same database runs at once: session locks are per connection, and this one already holds it.
 */
export async function withStartupLockPg<T>(db: Db, work: () => Promise<T>): Promise<T> {
  if (holding.getStore()?.db === db) return work();
  const client = new pg.Client({ connectionString: db.file });
  await client.connect();
  try {
    await refuseCollation(client);
    await client.query(`SET lock_timeout = ${STARTUP_WAIT_MS}`);
    await client.query("SELECT pg_advisory_lock(hashtext('fenghuo:migrate'))");
    return await holding.run({ db, client }, work);
  } finally {
    // Ending the session releases the lock, even if the unlock was never reached.
    await client.end().catch(() => undefined);
  }
}

/** Applies every committed pg migration not yet applied, on the connection holding the start-up lock. */
export function migratePg(db: Db): Promise<void> {
  return withStartupLockPg(db, async () => {
    await migrate(drizzle(holding.getStore()!.client), { migrationsFolder: pgMigrationsFolder });
  });
}

/** True once every migration in the pg journal has been applied to this database. */
export async function isMigratedPg(db: Db): Promise<boolean> {
  const journal = JSON.parse(fs.readFileSync(path.join(pgMigrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] };
  const table = await rawGet<{ t: string | null }>(db, sql`SELECT to_regclass('drizzle.__drizzle_migrations')::text AS t`);
  if (!table?.t) return false;
  const row = await rawGet<{ n: number }>(db, sql`SELECT count(*) AS n FROM drizzle.__drizzle_migrations`);
  return (row?.n ?? 0) >= journal.entries.length;
}
