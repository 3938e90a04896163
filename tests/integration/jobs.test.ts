import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { createTestDb, type TestDb } from '../setup/test-db';
import { runClaimed } from '@/jobs/run-claimed';
import { housekeeping } from '@/jobs/housekeeping';
import { jobRuns } from '@/db/schema';

let t: TestDb;
beforeAll(() => {
  t = createTestDb();
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
  const rows = t.db.select().from(jobRuns).all();
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
  expect(
    t.db
      .select()
      .from(jobRuns)
      .all()
      .some((r) => r.job === 'housekeeping' && r.period === '2026-11-24'),
  ).toBe(true);
});
