import { dbConfig } from '../config';
import type { Db } from '../tx';
import { openEngine } from './engine';

// One engine per process and file; kept on globalThis so that development reloads do not leak handles.
const globalForEngine = globalThis as unknown as { fenghuoEngine?: { file: string; db: Db } };

/** The engine on FENGHUO_DB (a later rename makes this getDb, once the synchronous layer is gone). */
export function getEngine(): Db {
  const file = dbConfig().FENGHUO_DB;
  if (!globalForEngine.fenghuoEngine || globalForEngine.fenghuoEngine.file !== file) {
    globalForEngine.fenghuoEngine = { file, db: openEngine(file) };
  }
  return globalForEngine.fenghuoEngine.db;
}
