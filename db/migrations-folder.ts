import path from 'node:path';

/** Where the committed drizzle-kit migrations are (SQLite). */
export const migrationsFolder = path.join(process.cwd(), 'db', 'migrations');

/** Where the committed drizzle-kit migrations for PostgreSQL are (drizzle.pg.config.ts). */
export const pgMigrationsFolder = path.join(process.cwd(), 'db', 'migrations-pg');
