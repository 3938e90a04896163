import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDb, type TestDb } from '../setup/test-db';
import { seedSmallOrg } from '../setup/small-org';
import { jobRuns } from '@/db/schema';
import { jobs } from '@/jobs/registry';
import { runJob, type Job } from '@/jobs/runner';
import { JobThread } from '@/jobs/job-thread';
import { alertsPeriod } from '@/jobs/alerts';
import { formatDate, shanghaiYear } from '@/domain/time/shanghai';
import { latestDueMonth } from '@/domain/time/months';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
  await seedSmallOrg(t.db);
});
afterAll(() => t.close());

describe('the jobs registry', () => {
  it('lists every scheduled job with its schedule (Asia/Shanghai) and how it is claimed', () => {
    expect(jobs.map((j) => [j.name, j.schedule, j.claim])).toEqual([
      ['housekeeping', '15 3 * * *', 'period'],
      ['annual-rating', '0 2 10 1 *', 'period'],
      ['provisional-rating', '0 0 * * *', 'none'],
      ['alerts', '0 6 * * *', 'period'],
      ['monthly-bulletin', '0 8 1 * *', 'inside'],
      ['alert-delivery', '* * * * *', 'inside'],
      ['backup', '0 3 * * *', 'period'],
    ]);
  });

  it('names the period due at an instant, in Beijing time', () => {
    const at = new Date('2026-11-30T21:30:00Z'); // 05:30 on 1 December in Beijing
    const period = Object.fromEntries(jobs.map((j) => [j.name, j.period(at)]));
    expect(period).toMatchObject({
      housekeeping: '2026-12-01',
      'annual-rating': '2025',
      alerts: '2026-11-30', // before 06:00: yesterday's run
      'monthly-bulletin': '2026-10', // November's is due at 08:00
    });
    expect(jobs.find((j) => j.name === 'annual-rating')!.period(new Date('2026-01-10T01:59:59+08:00'))).toBeNull();
  });
});

describe('the runner', () => {
  const job = (over: Partial<Job>): Job => ({
    name: 'demo',
    schedule: '* * * * *',
    claim: 'period',
    period: () => 'p',
    run: () => {},
    ...over,
  });

  it('claims a period once, skips what is not due, and logs a failure of an unclaimed job without throwing', async () => {
    let runs = 0;
    const counted = job({ name: 'registry-demo', run: () => void runs++ });
    expect(await runJob(t.db, counted)).toBe('ran');
    expect(await runJob(t.db, counted)).toBe('skipped');
    expect(await runJob(t.db, job({ name: 'registry-demo', period: () => null, run: () => void runs++ }))).toBe('skipped');
    expect(await runJob(t.db, job({ name: 'repeatable', claim: 'none', run: () => void runs++ }))).toBe('ran');
    expect(await runJob(t.db, job({ name: 'repeatable', claim: 'none', run: () => void runs++ }))).toBe('ran');
    expect(runs).toBe(3);
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const broken = job({
      name: 'broken',
      claim: 'inside',
      run: () => {
        throw new Error('smtp down');
      },
    });
    expect(await runJob(t.db, broken)).toBe('failed');
    expect(logged).toHaveBeenCalledWith('[jobs] broken failed', expect.any(Error));
    logged.mockRestore();
    expect(await t.db.select().from(jobRuns).where(eq(jobRuns.job, 'repeatable'))).toEqual([]);
  });
});

describe('the job thread', () => {
  it('runs the registry on its own connection and catches up at start', { timeout: 120_000 }, async () => {
    const keep = process.env.FENGHUO_BACKUP_KEEP;
    process.env.FENGHUO_BACKUP_KEEP = '0'; // no backup files beside the test database
    const thread = new JobThread(t.file).start();
    try {
      await thread.startedUp;
    } finally {
      await thread.stop();
      if (keep === undefined) delete process.env.FENGHUO_BACKUP_KEEP;
      else process.env.FENGHUO_BACKUP_KEEP = keep;
    }
    const now = new Date();
    const done = (await t.db.select({ job: jobRuns.job, period: jobRuns.period, status: jobRuns.status }).from(jobRuns)).filter(
      (r) => !['registry-demo', 'broken'].includes(r.job),
    );
    expect(done).toEqual(
      expect.arrayContaining([
        { job: 'housekeeping', period: formatDate(now), status: 'done' },
        { job: 'annual-rating', period: String(shanghaiYear(now) - 1), status: 'done' },
        { job: 'alerts', period: alertsPeriod(now), status: 'done' },
        { job: 'monthly-bulletin', period: latestDueMonth(now), status: 'done' },
      ]),
    );
    expect(done.some((r) => r.job === 'backup')).toBe(false);
  });
});
