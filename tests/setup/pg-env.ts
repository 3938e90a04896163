import { afterAll, inject } from 'vitest';
import { createFromTemplate, dropDatabase, settleDrops, testDatabaseName } from './pg-admin';

// The `pg` vitest project's setup file, run in each test file's worker before the file is imported: the
// process's database (getDb(), FENGHUO_DATABASE_URL) is a fresh copy of the migrated template, so db/schema,
// imported after this, binds the pg twins, and a file that uses getDb() has a database of its own.
// createTestDb() copies the template again for each of its databases (tests/setup/test-db.ts).

process.env.FENGHUO_TEST_PG_SERVER = inject('pgServer');
process.env.FENGHUO_TEST_PG_TEMPLATE = inject('pgTemplate');
// One database per process: a SQLite file named beside the URL would be refused (db/config.ts).
delete process.env.FENGHUO_DB;
const name = testDatabaseName();
process.env.FENGHUO_DATABASE_URL = await createFromTemplate(name);

afterAll(async () => {
  await settleDrops();
  const engine = (globalThis as { fenghuoEngine?: { db: import('@/db/tx').Db } }).fenghuoEngine;
  if (engine) await (await import('@/db/client')).closeDatabase(engine.db);
  await dropDatabase(name);
});
