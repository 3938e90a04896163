import { getDb } from '@/db/client';
import { env } from '@/server/env';
import { bootstrap, DEMO_PASSWORD, type BootstrapReport } from '@/server/startup/bootstrap';
import { startJobs } from '@/jobs/registry';
import { startJobThread } from '@/jobs/job-thread';

const state = globalThis as unknown as { fenghuoStarted?: Promise<void> };

/**
 * Migrates, seeds if empty, and schedules the jobs, in a thread of their own (decision 031; a database in
 * memory cannot be shared with one, so its jobs run inline); guarded so a second call is a no-op.
 */
export function prepareServer(): Promise<void> {
  state.fenghuoStarted ??= (async () => {
    const report = await bootstrap(getDb(), env());
    // `npm start` prints the report itself before the server starts; print here only what is new.
    if (report.seeded) printReport(report);
    const file = env().FENGHUO_DB;
    if (file === ':memory:') await startJobs(getDb());
    else await startedUpOrLater(startJobThread(file).startedUp);
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

export function printReport(report: BootstrapReport): void {
  if (report.demoLogins.length > 0) {
    console.log(`[fenghuo] ${report.seeded ? 'Demo data loaded. ' : ''}Demo logins (password "${DEMO_PASSWORD}"):`);
    for (const l of report.demoLogins) console.log(`[fenghuo]   ${l.login.padEnd(15)} ${l.role.padEnd(15)} ${l.unit}`);
  }
  if (report.adminCreated && !report.seeded) console.log(`[fenghuo] Administrator ${report.adminCreated} created.`);
  for (const w of report.warnings) console.warn(`[fenghuo] ${w}`);
}
