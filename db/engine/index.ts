// The async data engine (decision 040), on SQLite or PostgreSQL (db/engine/pg). Types live in db/tx.ts.
export { openEngine, migrateEngine, writeIfFree, cachedStatements, type EngineOptions } from './engine';
export { getEngine } from './get-engine';
export { openPgEngine, type PgEngineOptions } from './pg/pg-engine';
export { withStartupLock } from './startup-lock';
export { rawAll, rawEach, rawGet, rawRun, rawValues, first } from './raw';
