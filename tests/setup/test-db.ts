import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Db } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { ensureReferenceData } from '@/db/reference/reference';

export interface TestDb {
  db: Db;
  file: string;
  close: () => void;
}

/** A real SQLite file, migrated with the committed migrations, private to the calling test file. */
export async function createTestDb(): Promise<TestDb> {
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
