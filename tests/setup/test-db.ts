import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeDatabase, openDatabase, type Db } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { ensureReferenceData } from '@/db/reference/reference';
import { createFromTemplate, dropDatabase, dropLater, testDatabaseName } from './pg-admin';

export interface TestDb {
  db: Db;
  /** The SQLite file, or on PostgreSQL the database's URL: openDatabase(file) opens a second engine on it. */
  file: string;
  close: () => void;
}

/**
 * A real database, migrated with the committed migrations, private to the calling test file: a SQLite file,
 * or in the `pg` project a copy of the migrated template (tests/setup/pg-cluster.ts), dropped by close().
 */
export async function createTestDb(): Promise<TestDb> {
  if (process.env.FENGHUO_DATABASE_URL) return createPgTestDb();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fenghuo-test-'));
  const file = path.join(dir, 'fenghuo.db');
  const db = openDatabase(file);
  await migrateDatabase(db);
  await ensureReferenceData(db);
  return {
    db,
    file,
    close: () => {
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function createPgTestDb(): Promise<TestDb> {
  const name = testDatabaseName();
  const url = await createFromTemplate(name);
  const db = openDatabase(url);
  return {
    db,
    file: url,
    // The drop is awaited after the test file (tests/setup/pg-env.ts), as close() answers nothing.
    close: () =>
      dropLater(async () => {
        await closeDatabase(db);
        await dropDatabase(name);
      }),
  };
}
