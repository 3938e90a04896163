import path from 'node:path';
import fs from 'node:fs';
import { sql } from 'drizzle-orm';
import type { Db } from './tx';
import { migrateEngine } from './engine/engine';
import { isMigratedPg } from './engine/pg/migrate-pg';
import { isPgEngine } from './engine/pg/pg-engine';
import { rawGet } from './engine/raw';
import { migrationsFolder } from './migrations-folder';

export { migrationsFolder };

/** Applies every committed drizzle-kit migration not yet applied; safe to call on every start. */
export function migrateDatabase(db: Db): Promise<void> {
  return migrateEngine(db);
}

/** True once every migration in the journal has been applied to this database. */
export async function isMigrated(db: Db): Promise<boolean> {
  if (isPgEngine(db)) return isMigratedPg(db);
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
    entries: unknown[];
  };
  const table = await rawGet(db, sql`SELECT name FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'`);
  if (!table) return false;
  const row = await rawGet<{ n: number }>(db, sql`SELECT count(*) AS n FROM __drizzle_migrations`);
  return (row?.n ?? 0) >= journal.entries.length;
}
