import { and, eq } from 'drizzle-orm';
import type { Db } from '../client';
import { jobRuns } from '../schema';

/**
 * Claims (job, period) for this process. Returns false when another process or an earlier run already
 * holds it; the unique index decides, so the claim is safe across processes and restarts.
 */
export function claimJobRun(db: Db, job: string, period: string, now = new Date()): boolean {
  const result = db.insert(jobRuns).values({ job, period, status: 'running', startedAt: now }).onConflictDoNothing().run();
  return result.changes === 1;
}

export function finishJobRun(db: Db, job: string, period: string, outcome: { error?: string } = {}, now = new Date()): void {
  db.update(jobRuns)
    .set({ status: outcome.error ? 'failed' : 'done', finishedAt: now, error: outcome.error ?? null })
    .where(and(eq(jobRuns.job, job), eq(jobRuns.period, period)))
    .run();
}
