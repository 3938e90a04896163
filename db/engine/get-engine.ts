import { databaseLocation, dbConfig } from '../config';
import type { Db } from '../tx';
import { openLocation } from './open-location';

// One engine per process and database; kept on globalThis so that development reloads do not leak handles.
const globalForEngine = globalThis as unknown as { fenghuoEngine?: { file: string; db: Db } };

/** The engine on FENGHUO_DATABASE_URL if set, else on the SQLite file FENGHUO_DB. */
export function getEngine(): Db {
  const location = databaseLocation(dbConfig());
  if (!globalForEngine.fenghuoEngine || globalForEngine.fenghuoEngine.file !== location) {
    globalForEngine.fenghuoEngine = { file: location, db: openLocation(location) };
  }
  return globalForEngine.fenghuoEngine.db;
}
