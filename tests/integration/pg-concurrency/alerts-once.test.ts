import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { storeAlerts } from '@/db/alerts/alerts';
import { rawGet } from '@/db/engine';
import type { CandidateAlert } from '@/domain/alerts/types';
import { runAlerts } from '@/features/alerts/run-alerts';
import { buildHazard } from '@/features/demo/factories';
import { insertDataset } from '@/features/demo/insert-dataset';
import { refreshProvisionalRatings } from '@/features/rating/refresh';
import { seedSmallOrg } from '../../setup/small-org';
import { deadlocks, twoServers, type TwoServers } from './two-servers';

// Decision 047 row 3: alerts once per (rule, subject, period) with two servers storing at once. ON CONFLICT
// DO NOTHING makes each once; the candidates go in the unique key's order under the 'audit' lock, so two
// batches never take the same keys in opposite orders (a deadlock, which the engine's retry would hide:
// the server's own count of deadlocks is checked too).

const DAY = 86_400_000;
const NOW = new Date('2026-06-15T12:00:00+08:00');
let s: TwoServers;
const alertCount = async () => (await rawGet<{ n: number }>(s.one, sql`SELECT count(*) AS n FROM alerts`))!.n;

beforeAll(async () => {
  s = await twoServers();
  await seedSmallOrg(s.one);
  // Overdue hazards in each institute, under the per-institute cap: one alert each.
  const hazards = [4, 5, 6].flatMap((institute) =>
    Array.from({ length: 45 }, (_, i) => {
      const foundAt = new Date(NOW.getTime() - (40 + i) * DAY);
      return buildHazard({
        unitId: institute,
        instituteId: institute,
        externalId: `OVER-${institute}-${i}`,
        foundAt,
        dueAt: new Date(foundAt.getTime() + 30 * DAY),
      });
    }),
  );
  await insertDataset(s.one, { hazards });
  await refreshProvisionalRatings(s.one, NOW);
}, 120_000);
afterAll(() => s.close());

it('the alert run on both servers at the same instant stores each alert once, without an error or a deadlock', async () => {
  const deadlocksBefore = await deadlocks(s.one);
  const [a, b] = await Promise.all([runAlerts(s.one, { now: NOW }), runAlerts(s.other, { now: NOW })]);
  expect(a.candidates).toBeGreaterThanOrEqual(135);
  expect(b.candidates).toBe(a.candidates);
  expect(a.stored + b.stored).toBe(a.candidates);
  expect(await alertCount()).toBe(a.candidates);
  expect(await deadlocks(s.one)).toBe(deadlocksBefore);
}, 120_000);

it('two servers storing overlapping candidates in opposite orders, many times at once: each once, no deadlock', async () => {
  const candidate = (i: number): CandidateAlert => ({
    rule: 'hazard.overdue',
    subjectKind: 'unit',
    subjectKey: `K${String(i).padStart(6, '0')}`,
    period: 'order-test',
    colour: 'yellow',
    unitId: 4,
    domain: null,
    messageZh: '测试',
    messageEn: 'test',
    details: { links: [] },
  });
  const deadlocksBefore = await deadlocks(s.one);
  const before = await alertCount();
  // Each pair of transactions inserts fresh keys (a key already committed is skipped without a wait).
  const pairs = Array.from({ length: 30 }, (_, r) => Array.from({ length: 400 }, (_, i) => candidate(r * 1000 + i)));
  const rounds = pairs.map((batch) => [
    s.one.transaction((tx) => storeAlerts(tx, batch, NOW)),
    s.other.transaction((tx) => storeAlerts(tx, [...batch].reverse(), NOW)),
  ]);
  const answers = await Promise.allSettled(rounds.flat());
  expect(answers.filter((x) => x.status === 'rejected')).toEqual([]);
  expect(await alertCount()).toBe(before + 30 * 400);
  expect(await deadlocks(s.one)).toBe(deadlocksBefore);
}, 120_000);
