import type { Db } from '@/db/tx';
import { housekeepingJob } from './housekeeping';
import { annualRatingJob, provisionalRatingJob } from './rating';
import { alertsJob } from './alerts';
import { bulletinJob } from './bulletin';
import { alertDeliveryJob } from './alert-delivery';
import { backupJob } from './backup';
import { scheduleAndCatchUp, type Job } from './runner';

/**
 * Every scheduled job: name, schedule (cron, Asia/Shanghai), the period due at an instant, how it is
 * claimed, and its work (docs/decisions/042-jobs-registry-and-runner.md). In this order at start: the
 * ratings before the alerts that read them.
 */
export const jobs: readonly Job[] = [
  housekeepingJob, // 03:15 daily
  annualRatingJob, // 02:00 on 10 January
  provisionalRatingJob, // 00:00 daily
  alertsJob, // 06:00 daily
  bulletinJob, // 08:00 on the 1st
  alertDeliveryJob, // every minute
  backupJob(), // 03:00 daily
];

/** Schedules every job and catches up at start; resolves when the catch-up runs have settled. */
export function startJobs(db: Db): Promise<void> {
  return scheduleAndCatchUp(db, jobs);
}
