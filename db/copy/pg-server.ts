import { sql } from 'drizzle-orm';
import { rawGet } from '../engine/raw';
import type { Queryable } from '../tx';

// What backup and restore on PostgreSQL ask the server (platform/backup/pg-*.ts): its version, to pick
// pg_dump and pg_restore of a matching major version, and who else is connected to the database.

/** The server's major version (15 for 15.4). */
export async function serverMajorVersion(q: Queryable): Promise<number> {
  const row = await rawGet<{ v: string }>(q, sql`SELECT current_setting('server_version_num') AS v`);
  return Math.floor(Number(row!.v) / 10000);
}

/** Connections to the current database other than this session's (a running server has some). */
export async function otherConnections(q: Queryable): Promise<number> {
  const row = await rawGet<{ n: number }>(
    q,
    sql`SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
  );
  return row!.n;
}
