// Brings the run's database up as `npm start` does before it serves (scripts/start.ts): migrations, reference
// data and the demo academy (FENGHUO_SEED_DEMO), on whichever engine the environment names. Run in a node
// process of its own by the global setup (`node --import tsx tests/e2e/multi/prepare-db.ts`), so the engine
// is chosen for this process alone.
import { closeDatabase, getDb } from '@/db/client';
import { parseEnv } from '@/server/env';
import { bootstrap, printBootstrapReport } from '@/server/startup/bootstrap';

async function main(): Promise<void> {
  const db = getDb();
  try {
    printBootstrapReport(await bootstrap(db, parseEnv({ ...process.env, FENGHUO_SEED_DEMO: 'true' })));
  } finally {
    await closeDatabase(db);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
