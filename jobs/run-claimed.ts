import type { Db } from '@/db/client';
import { claimJobRun, finishJobRun } from '@/db/queries/job-runs';

/** Runs `work` for (job, period) only if this process wins the claim; records success or failure. */
export async function runClaimed(
  db: Db,
  job: string,
  period: string,
  work: () => Promise<void> | void,
): Promise<'ran' | 'skipped' | 'failed'> {
  if (!claimJobRun(db, job, period)) return 'skipped';
  try {
    await work();
    finishJobRun(db, job, period);
    return 'ran';
  } catch (error) {
    console.error(`[jobs] ${job} ${period} failed`, error);
    finishJobRun(db, job, period, { error: error instanceof Error ? error.message : String(error) });
    return 'failed';
  }
}
