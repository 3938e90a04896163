import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDb, type TestDb } from '../setup/test-db';
import { runClaimed } from '@/features/jobs/run-claimed';
import { housekeeping } from '@/jobs/housekeeping';
import { jobRuns } from '@/db/schema';
import { claimJobRun, finishJobRun } from '@/db/jobs/job-runs';
import { first } from '@/db/engine';
import { openDatabase } from '@/db/client';
import { runJob, type Job } from '@/jobs/runner';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.close());

it('runs a job once per period, however often it is called, and records a failure', async () => {
  let runs = 0;
  const work = () => void runs++;
  expect(await runClaimed(t.db, 'demo', '2026-11-23', work)).toBe('ran');
  expect(await runClaimed(t.db, 'demo', '2026-11-23', work)).toBe('skipped');
  expect(await runClaimed(t.db, 'demo', '2026-11-24', work)).toBe('ran');
  expect(runs).toBe(2);
  // The failure is logged for operators; keep it out of the test output, but check it was logged.
  const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
  expect(
    await runClaimed(t.db, 'demo', '2026-11-25', () => {
      throw new Error('disk full');
    }),
  ).toBe('failed');
  expect(logged).toHaveBeenCalledWith('[jobs] demo 2026-11-25 failed', expect.any(Error));
  logged.mockRestore();
  const rows = await t.db.select().from(jobRuns);
  expect(rows.map((r) => [r.period, r.status, r.error])).toEqual([
    ['2026-11-23', 'done', null],
    ['2026-11-24', 'done', null],
    ['2026-11-25', 'failed', 'disk full'],
  ]);
});

it('housekeeping claims its local day', async () => {
  const at = new Date('2026-11-23T17:00:00Z'); // already 24 November in Shanghai
  expect(await housekeeping(t.db, at)).toBe('ran');
  expect(await housekeeping(t.db, at)).toBe('skipped');
  expect((await t.db.select().from(jobRuns)).some((r) => r.job === 'housekeeping' && r.period === '2026-11-24')).toBe(true);
});

describe('leases', () => {
  const t0 = new Date('2026-11-23T10:00:00Z');
  const later = (ms: number) => new Date(t0.getTime() + ms);

  it('a claim left running by a crashed process is taken over only after its lease expires', async () => {
    const crashed = await claimJobRun(t.db, 'lease-demo', 'p1', t0, 60_000);
    expect(crashed).not.toBeNull();
    // Another process while the lease holds: refused.
    expect(await claimJobRun(t.db, 'lease-demo', 'p1', later(59_999), 60_000)).toBeNull();
    const taker = await claimJobRun(t.db, 'lease-demo', 'p1', later(60_000), 60_000);
    expect(taker).not.toBeNull();
    // The crashed process, coming back, can no longer record an outcome; the new holder can.
    expect(await finishJobRun(t.db, crashed!, {}, later(61_000))).toBe(false);
    expect(await finishJobRun(t.db, taker!, {}, later(62_000))).toBe(true);
    const row = first(await t.db.select().from(jobRuns).where(eq(jobRuns.job, 'lease-demo')).limit(1))!;
    expect([row.status, row.attempts]).toEqual(['done', 2]);
    // Done is final: never claimed again, even long after.
    expect(await claimJobRun(t.db, 'lease-demo', 'p1', later(10 * 86_400_000))).toBeNull();
  });

  it('a failed run is retried by the next call and then runs no more', async () => {
    let calls = 0;
    const flaky = () => {
      calls++;
      if (calls === 1) throw new Error('transient');
    };
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await runClaimed(t.db, 'retry-demo', 'p', flaky, { now: t0 })).toBe('failed');
    logged.mockRestore();
    expect(await runClaimed(t.db, 'retry-demo', 'p', flaky, { now: later(1000) })).toBe('ran');
    expect(await runClaimed(t.db, 'retry-demo', 'p', flaky, { now: later(2000) })).toBe('skipped');
    expect(calls).toBe(2);
    const row = first(await t.db.select().from(jobRuns).where(eq(jobRuns.job, 'retry-demo')).limit(1))!;
    expect([row.status, row.error, row.attempts]).toEqual(['done', null, 2]);
  });

  it('a claim made before leases existed (no lease) counts as abandoned', async () => {
    await t.db.insert(jobRuns).values({ job: 'legacy', period: 'p', status: 'running', startedAt: t0 });
    expect(await claimJobRun(t.db, 'legacy', 'p', later(1))).not.toBeNull();
  });
});

it('a run whose claim cannot be written fails and is logged; it never rejects (the scheduler discards the promise)', async () => {
  // A database that cannot answer, as one busy past its wait: claimJobRun throws before the work starts.
  const dead = openDatabase(t.file);
  dead.close();
  const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    const job: Job = { name: 'unanswered', schedule: '* * * * *', claim: 'period', period: () => 'p', run: async () => undefined };
    await expect(runJob(dead, job, new Date())).resolves.toBe('failed');
    expect(errors).toHaveBeenCalled();
  } finally {
    errors.mockRestore();
  }
});
