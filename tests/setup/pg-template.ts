// Builds the `pg` test project's template database (tests/setup/pg-cluster.ts starts this in a process of
// its own, with FENGHUO_DATABASE_URL naming the template): the committed pg migrations and the reference
// data, as createTestDb() on SQLite migrates each file.
import { closeDatabase, openDatabase } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { ensureReferenceData } from '@/db/reference/reference';

async function main(): Promise<void> {
  const db = openDatabase(process.env.FENGHUO_DATABASE_URL!);
  try {
    await migrateDatabase(db);
    await ensureReferenceData(db);
  } finally {
    await closeDatabase(db);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
