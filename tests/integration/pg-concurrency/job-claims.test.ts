import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { claimJobRun } from '@/db/jobs/job-runs';
import { rawGet } from '@/db/engine';
import { runAlone } from '@/db/sql/run-alone';
import { provisionalRatingJob, REFRESH_LOCK } from '@/jobs/rating';
import { runJob } from '@/jobs/runner';
import { seedSmallOrg } from '../../setup/small-org';
import { twoServers, type TwoServers } from './two-servers';

// Decision 047 row 4: a job's period is claimed once across servers (claimJobRun's INSERT … ON CONFLICT DO
// UPDATE … WHERE locks the row and re-checks), and the provisional refresh job, which claims no period,
// runs on one server at a time (runAlone: pg_try_advisory_lock on a connection of its own).

let s: TwoServers;
beforeAll(async () => {
  s = await twoServers();
  await seedSmallOrg(s.one);
}, 120_000);
afterAll(() => s.close());

it('both servers claim (job, period) 50 times at once: exactly one claim', async () => {
  const now = new Date('2026-06-01T12:00:00+08:00');
  const claims = await Promise.all(Array.from({ length: 100 }, (_, i) => claimJobRun(i % 2 ? s.other : s.one, 'conc-job', '2026-06', now)));
  expect(claims.filter((c) => c !== null)).toHaveLength(1);
  expect(await rawGet(s.one, sql`SELECT count(*) AS n, max(attempts) AS attempts FROM job_runs WHERE job = 'conc-job'`)).toEqual({
    n: 1,
    attempts: 1,
  });
}, 60_000);

it('the provisional refresh job skips on one server while it runs on the other, and runs once it has ended', async () => {
  const now = new Date('2026-06-01T12:00:00+08:00');
  const stored = async () => (await rawGet<{ n: number }>(s.one, sql`SELECT count(*) AS n FROM ratings`))!.n;
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  let started!: () => void;
  const holding = new Promise<void>((r) => (started = r));
  // The first server's run, kept running until released.
  const first = runAlone(s.one, REFRESH_LOCK, async () => {
    started();
    await held;
    return 'first';
  });
  await holding;
  expect(await runAlone(s.other, REFRESH_LOCK, async () => 'second')).toEqual({ ran: false });
  expect(await runJob(s.other, provisionalRatingJob, now)).toBe('ran');
  expect(await stored()).toBe(0);
  release();
  expect(await first).toEqual({ ran: true, value: 'first' });
  // Ended with its run: the other server's next run refreshes.
  await runJob(s.other, provisionalRatingJob, now);
  expect(await stored()).toBeGreaterThanOrEqual(3);
}, 60_000);

it('two runs of the refresh job at once on the two servers: one runs, the other skips', async () => {
  let running = 0;
  let most = 0;
  const work = async () => {
    most = Math.max(most, ++running);
    await new Promise((r) => setTimeout(r, 300));
    running--;
  };
  const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => runAlone(i % 2 ? s.other : s.one, REFRESH_LOCK, work)));
  expect(most).toBe(1);
  expect(answers.filter((a) => a.ran).length).toBeGreaterThanOrEqual(1);
}, 60_000);
