import path from 'node:path';
import fs from 'node:fs';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import type { Db } from './client';

export const migrationsFolder = path.join(process.cwd(), 'db', 'migrations');

/** Applies every committed drizzle-kit migration not yet applied; safe to call on every start. */
export function migrateDatabase(db: Db): void {
  migrate(db, { migrationsFolder });
}

/** True once every migration in the journal has been applied to this database. */
export function isMigrated(db: Db): boolean {
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
    entries: unknown[];
  };
  const table = db.$client.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'").get();
  if (!table) return false;
  const row = db.$client.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number };
  return row.n >= journal.entries.length;
}
