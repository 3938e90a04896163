// The PostgreSQL twin's tables, one export per table under the same JS name as its SQLite twin.
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
