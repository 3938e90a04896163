// The SQLite twin, whole: every table and its enums. drizzle-kit (drizzle.config.ts) and the parity test read
// it; the app imports ./index.ts, which picks the twin of the engine the process runs.
export * from './units';
export * from './reference';
export * from './users';
export * from './projects';
export * from './assessments';
export * from './hazards';
export * from './incidents';
export * from './inspections';
export * from './ethics';
export * from './rating';
export * from './alerts';
export * from './system';
export * from './delivery';
export * from './corrections';
export * from './staged-imports';
