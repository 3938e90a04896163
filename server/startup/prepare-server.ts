import { getDb } from '@/db/client';
import { databaseLocation } from '@/db/config';
import { env } from '@/server/env';
import { bootstrap, printBootstrapReport } from '@/server/startup/bootstrap';
import { startJobs } from '@/jobs/registry';
import { startJobThread } from '@/jobs/job-thread';

const state = globalThis as unknown as { fenghuoStarted?: Promise<void> };

// The last step of the start-up path (README "Quick start"): `npm start` (scripts/start.ts) -> server/serve.ts
// (the page cache in front of Next) -> Next -> instrumentation.ts -> here -> the jobs. `next dev` and the
// tests and benchmarks that start server/serve.ts directly enter at Next and reach here the same way.

/**
 * Migrates, seeds if empty, and schedules the jobs, in a thread of their own (decision 031; a database in
 * memory cannot be shared with one, so its jobs run inline); guarded so a second call is a no-op.
 */
export function prepareServer(): Promise<void> {
  state.fenghuoStarted ??= (async () => {
    const report = await bootstrap(getDb(), env());
    // `npm start` prints the report itself before the server starts; print here only what is new.
    if (report.seeded) printBootstrapReport(report);
    // The job thread opens its own engine on the same file or PostgreSQL URL.
    const location = databaseLocation(env());
    if (location === ':memory:') await startJobs(getDb());
    else await startedUpOrLater(startJobThread(location).startedUp);
  })();
  return state.fenghuoStarted;
}

/**
 * Waits at most FENGHUO_START_WAIT_MS for the job thread's start-up catch-up before the server serves: a
 * usual installation's jobs are done in a second or two, so its first pages show today's ratings, alerts and
 * bulletin as before; a huge one's (tens of seconds) go on in the thread while the server answers (decision 031).
 */
function startedUpOrLater(startedUp: Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const later = new Promise<void>((resolve) => (timer = setTimeout(resolve, env().FENGHUO_START_WAIT_MS)));
  return Promise.race([startedUp, later]).finally(() => clearTimeout(timer));
}
