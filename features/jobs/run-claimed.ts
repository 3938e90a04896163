import type { Db } from '@/db/tx';
import { claimJobRun, finishJobRun, type JobClaim } from '@/db/jobs/job-runs';

export type ClaimOutcome = 'ran' | 'skipped' | 'failed';

/**
 * Runs `work` for (job, period) only if this process wins the claim; records success or failure. A failed
 * period is retried by the next call; a claim whose process died is taken over once its lease expires; a
 * period that succeeded never runs again (docs/decisions/013-job-leases-and-bulletins.md). The jobs' runner
 * (jobs/runner.ts) claims every period through here, and so does a bulletin generated from the command line.
 */
export async function runClaimed(
  db: Db,
  job: string,
  period: string,
  work: (claim: JobClaim) => Promise<void> | void,
  opts: { now?: Date; leaseMs?: number } = {},
): Promise<ClaimOutcome> {
  const claim = await claimJobRun(db, job, period, opts.now ?? new Date(), opts.leaseMs);
  if (!claim) return 'skipped';
  try {
    await work(claim);
    await finishJobRun(db, claim);
    return 'ran';
  } catch (error) {
    console.error(`[jobs] ${job} ${period} failed`, error);
    await finishJobRun(db, claim, { error: error instanceof Error ? error.message : String(error) });
    return 'failed';
  }
}
