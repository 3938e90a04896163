import pg from 'pg';
import { isPgEngine } from '@/db/engine/pg/pg-engine';
import type { Db } from '@/db/tx';

/** What runAlone answers: the work's value, or that another server was running it. */
export type Alone<T> = { ran: true; value: T } | { ran: false };

/**
 * Runs `work` unless another server is running work of the same name on this database (decision 047
 * row 4: the provisional refresh job, which claims no period, runs on one server at a time). On PostgreSQL
 * a session lock, `pg_try_advisory_lock`, on a connection of its own outside the pool (the work needs the
 * pool's, and a pool of one would wait for itself): not waited for, and released with its connection, so a
 * server that dies holding it holds nothing. On SQLite the work runs: its writer already takes turns.
 */
export async function runAlone<T>(db: Db, name: string, work: () => Promise<T>): Promise<Alone<T>> {
  if (!isPgEngine(db)) return { ran: true, value: await work() };
  const client = new pg.Client({ connectionString: db.file });
  await client.connect();
  try {
    const { rows } = await client.query<{ got: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS got', [name]);
    if (!rows[0]?.got) return { ran: false };
    return { ran: true, value: await work() };
  } finally {
    // Ending the session releases the lock, even if the unlock was never reached.
    await client.end().catch(() => undefined);
  }
}
