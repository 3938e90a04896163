import { defineConfig } from 'drizzle-kit';

// The PostgreSQL twin's migrations (db/schema/pg); `npm run db:generate` runs this config after drizzle.config.ts.
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema/pg/index.ts',
  out: './db/migrations-pg',
  dbCredentials: { url: process.env.FENGHUO_DATABASE_URL ?? 'postgres://localhost/fenghuo' },
  strict: true,
  verbose: false,
});
