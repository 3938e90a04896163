import cron from 'node-cron';
import type { Db } from '@/db/client';
import { ZONE } from '@/domain/time/shanghai';
import { housekeeping } from './housekeeping';
import { annualRating, provisionalRating } from './rating';
import { dailyAlerts } from './alerts';
import { monthlyBulletin } from './bulletin';
import { alertDelivery } from './alert-delivery';
import { nightlyBackup } from './backup';

// The registry of scheduled jobs, by name. Each handler claims its period in the database, so a restart,
// a catch-up run or a second server process never repeats a period (docs/decisions/003-where-jobs-run.md).
export const jobs = {
  housekeeping: { schedule: '15 3 * * *', run: housekeeping },
  'annual-rating': { schedule: '0 2 10 1 *', run: annualRating },
  'provisional-rating': { schedule: '30 1 * * *', run: provisionalRating },
  alerts: { schedule: '0 6 * * *', run: dailyAlerts },
  // 08:00 on the 1st: last month's bulletin; at start, every month missed while the server was down.
  'monthly-bulletin': { schedule: '0 8 1 * *', run: monthlyBulletin },
  // Every minute: queue and send alert e-mails and webhooks (retries with backoff).
  'alert-delivery': { schedule: '* * * * *', run: (db: Db, now?: Date) => alertDelivery(db, now) },
  backup: { schedule: '0 3 * * *', run: nightlyBackup },
} as const satisfies Record<string, { schedule: string; run: (db: Db, now?: Date) => Promise<unknown> }>;

export type JobName = keyof typeof jobs;

/** Schedules every job and catches up at start; resolves when the catch-up runs have settled. */
export async function startJobs(db: Db): Promise<void> {
  const catchUp: Promise<unknown>[] = [];
  for (const [name, job] of Object.entries(jobs)) {
    cron.schedule(job.schedule, () => void job.run(db), { timezone: ZONE, name });
    // Catch up at start: a period missed while the server was down runs now (once, thanks to the claim).
    catchUp.push(job.run(db));
  }
  await Promise.allSettled(catchUp);
}
