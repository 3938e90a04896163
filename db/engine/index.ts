// The async data engine (decision 040). Types live in db/tx.ts.
export { openEngine, migrateEngine, writeIfFree, cachedStatements, type EngineOptions } from './engine';
export { getEngine } from './get-engine';
export { rawAll, rawGet, rawRun, first } from './raw';
