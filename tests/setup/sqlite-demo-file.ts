// Builds the demo academy on a SQLite file, as a fresh server leaves it (bootstrap, then the ratings the
// daily job stores), and prints the ratings of 2026 the API would answer at a fixed instant, as JSON: the
// source of the copy-to and pg backup tests. A process of its own, with no FENGHUO_DATABASE_URL, so that
// db/schema binds the SQLite twins even when the calling test runs in the `pg` project.
// node --import tsx tests/setup/sqlite-demo-file.ts FILE [ratings-only]
import { closeDatabase, openDatabase } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { refreshProvisionalRatings } from '@/features/rating/refresh';
import { bootstrap } from '@/server/startup/bootstrap';
import { parseEnv } from '@/server/env';
import { ratingsOf, RATINGS_AS_OF } from './ratings-of';

const [file, mode] = process.argv.slice(2) as [string, string | undefined];

async function main(): Promise<void> {
  const db = openDatabase(file);
  try {
    if (mode !== 'ratings-only') {
      await migrateDatabase(db);
      await bootstrap(db, parseEnv({ FENGHUO_DB: file }), RATINGS_AS_OF);
      await refreshProvisionalRatings(db, RATINGS_AS_OF);
    }
    process.stdout.write(JSON.stringify(await ratingsOf(db)));
  } finally {
    await closeDatabase(db);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
