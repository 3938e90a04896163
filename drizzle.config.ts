import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: './db/schema/sqlite.ts',
  out: './db/migrations',
  dbCredentials: { url: process.env.FENGHUO_DB ?? './data/fenghuo.db' },
  strict: true,
  verbose: false,
});
