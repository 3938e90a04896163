// The PostgreSQL twin: drizzle-kit (drizzle.pg.config.ts) generates db/migrations-pg from these exports;
// tools that always work on PostgreSQL (copy-to) import the twins from here rather than through ../index.ts.
export * from './tables';
export { tableNamesInForeignKeyOrder, type PgTableName } from './foreign-key-order';
