import { isPostgresUrl } from '../config';
import type { Db } from '../tx';
import { openEngine } from './engine';
import { openPgEngine } from './pg/pg-engine';

export interface OpenOptions {
  busyTimeoutMs?: number;
  /** Only reads are meant (the import workers' previews): PostgreSQL refuses writes in every transaction. */
  readOnly?: boolean;
}

/**
 * The engine on a database location: a postgres:// URL opens PostgreSQL (the process must run on it:
 * FENGHUO_DATABASE_URL set, so that db/schema binds the pg twins), anything else a SQLite file.
 */
export function openLocation(location: string, options: OpenOptions = {}): Db {
  if (isPostgresUrl(location)) return openPgEngine(location, options);
  return openEngine(location, { busyTimeoutMs: options.busyTimeoutMs });
}
