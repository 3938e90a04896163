import { bootstrap } from '@/server/startup/bootstrap';
import { parseEnv } from '@/server/env';
import { refreshProvisionalRatings } from '@/features/rating/refresh';
import { createTestDb, type TestDb } from './test-db';

/**
 * The demo academy as a fresh server leaves it, on a real migrated file of the calling test's own: the
 * bootstrap (reference data, demo, history) at `now`, then, unless `ratings` is false, the ratings the
 * daily job stores at start (reads never rate, decision 045).
 */
export async function createDemoDb(now: Date, opts: { ratings?: boolean } = {}): Promise<TestDb> {
  const t = await createTestDb();
  await bootstrap(t.db, parseEnv({}), now);
  if (opts.ratings ?? true) await refreshProvisionalRatings(t.db, now);
  return t;
}
