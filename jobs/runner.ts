import cron from 'node-cron';
import type { Db } from '@/db/tx';
import { runClaimed, type ClaimOutcome } from '@/features/jobs/run-claimed';
import { ZONE } from '@/domain/time/shanghai';

/**
 * A scheduled job (docs/decisions/042-jobs-registry-and-runner.md). `period(now)` names the period due at
 * `now` (a local day, a month, a year), or null when none is due yet. `claim` says how the job runs once
 * per period across restarts, catch-ups, threads and processes:
 * - 'period': the runner claims (name, period) before `run` and records the outcome; a period that
 *   succeeded never runs again, a failed one is retried by the next run;
 * - 'inside': `run` claims finer periods itself (the bulletin each month it owes, delivery each message);
 * - 'none': every run is safe to repeat and nothing is claimed (the provisional refresh follows its mark).
 */
export interface Job {
  readonly name: string;
  /** When it runs, as cron, in Asia/Shanghai; it also runs once at start (the catch-up). */
  readonly schedule: string;
  readonly claim: 'period' | 'inside' | 'none';
  period(now: Date): string | null;
  run(db: Db, period: string, now: Date): Promise<unknown> | unknown;
}

/**
 * Runs the job for the period due at `now`: 'skipped' when none is due or another run holds or finished
 * it, 'failed' when it threw (logged, never thrown), else 'ran'.
 */
export async function runJob(db: Db, job: Job, now = new Date()): Promise<ClaimOutcome> {
  const period = job.period(now);
  if (period === null) return 'skipped';
  try {
    if (job.claim === 'period') return await runClaimed(db, job.name, period, async () => void (await job.run(db, period, now)), { now });
    await job.run(db, period, now);
    return 'ran';
  } catch (error) {
    // Also a claim, or its record, that could not be written (the database busy past its wait): this run
    // failed and the next schedule or start tries again. Never a rejection: the scheduler discards the
    // promise, and an unhandled rejection would end the job thread with every refresh it was running.
    console.error(`[jobs] ${job.name} failed`, error);
    return 'failed';
  }
}

/**
 * Schedules every job and runs each once now: a period missed while the server was down runs at start,
 * once, thanks to the claims. Resolves when those catch-up runs have settled. The job thread calls it
 * (jobs/job-worker.ts), and the server itself for a database in memory. The catch-up runs one job after
 * another, in the list's order (the ratings before the alerts that read them), as the synchronous jobs did.
 */
export async function scheduleAndCatchUp(db: Db, jobs: readonly Job[]): Promise<void> {
  for (const job of jobs) cron.schedule(job.schedule, () => void runJob(db, job), { timezone: ZONE, name: job.name });
  for (const job of jobs) await Promise.allSettled([runJob(db, job)]);
}
