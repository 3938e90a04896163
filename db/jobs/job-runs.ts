import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Queryable } from '../tx';
import { first } from '../engine';
import { jobRuns } from '../schema';

/**
 * How long a claim holds before another process may take it over. Nothing renews a lease: every period's
 * work is far shorter than this; a run that outlived it could be taken over by another process.
 */
export const DEFAULT_LEASE_MS = 30 * 60_000;

export interface JobClaim {
  job: string;
  period: string;
  owner: string;
}

/**
 * Claims (job, period) for this process, or returns null when it may not run. The unique index decides, in
 * one statement, so the claim is safe across processes and restarts:
 * - no row yet: inserted as `running` with a lease;
 * - `done`: never again (a successful period runs exactly once);
 * - `failed`: claimed again (a retry);
 * - `running` with an expired (or, before leases existed, no) lease: its process died; taken over.
 */
export async function claimJobRun(
  q: Queryable,
  job: string,
  period: string,
  now = new Date(),
  leaseMs = DEFAULT_LEASE_MS,
): Promise<JobClaim | null> {
  const owner = randomUUID();
  const leaseUntil = new Date(now.getTime() + leaseMs);
  const result = await q
    .insert(jobRuns)
    .values({ job, period, status: 'running', startedAt: now, leaseUntil, leaseOwner: owner, attempts: 1 })
    .onConflictDoUpdate({
      target: [jobRuns.job, jobRuns.period],
      set: {
        status: 'running',
        startedAt: now,
        finishedAt: null,
        error: null,
        leaseUntil,
        leaseOwner: owner,
        attempts: sql`${jobRuns.attempts} + 1`,
      },
      setWhere: sql`${jobRuns.status} = 'failed' OR (${jobRuns.status} = 'running' AND (${jobRuns.leaseUntil} IS NULL OR ${jobRuns.leaseUntil} <= ${now.getTime()}))`,
    });
  return result.changes === 1 ? { job, period, owner } : null;
}

/** Records the outcome of a claimed run; only the holder of the claim can finish it. */
export async function finishJobRun(q: Queryable, claim: JobClaim, outcome: { error?: string } = {}, now = new Date()): Promise<boolean> {
  const result = await q
    .update(jobRuns)
    .set({ status: outcome.error ? 'failed' : 'done', finishedAt: now, error: outcome.error ?? null, leaseUntil: null })
    .where(and(eq(jobRuns.job, claim.job), eq(jobRuns.period, claim.period), eq(jobRuns.leaseOwner, claim.owner)));
  return result.changes === 1;
}

/** Whether (job, period) has run successfully. */
export async function jobRunDone(q: Queryable, job: string, period: string): Promise<boolean> {
  const row = first(
    await q
      .select({ status: jobRuns.status })
      .from(jobRuns)
      .where(and(eq(jobRuns.job, job), eq(jobRuns.period, period)))
      .limit(1),
  );
  return row?.status === 'done';
}

/**
 * Reopens a `done` period whose product has since disappeared (e.g. an operator deleted a stored bulletin
 * to have it regenerated), so the next claim retries it. Only a `done` row changes.
 */
export async function reopenDoneJobRun(q: Queryable, job: string, period: string, reason: string, now = new Date()): Promise<boolean> {
  const result = await q
    .update(jobRuns)
    .set({ status: 'failed', error: reason, finishedAt: now })
    .where(and(eq(jobRuns.job, job), eq(jobRuns.period, period), eq(jobRuns.status, 'done')));
  return result.changes === 1;
}
