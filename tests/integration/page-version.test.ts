import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../setup/test-db';
import { addUser } from '../setup/small-org';
import { bootstrap } from '@/server/startup/bootstrap';
import { parseEnv } from '@/server/env';
import { resolveActor } from '@/features/auth/resolve-actor';
import { createApiToken } from '@/features/auth/api-tokens';
import { submitRecords } from '@/features/records/submit';
import { ensureYearRatings } from '@/features/rating/year-ratings';
import { dailyAlerts } from '@/jobs/alerts';
import { pageVersion } from '@/server/page-cache/version';
import { dataVersion } from '@/features/dashboards/memo';

// A kept page is answered only while its version holds (decision 021): the version must move with
// everything the dashboards show, and only with that.

let t: TestDb;
const now = new Date('2026-11-23T10:00:10+08:00');
beforeAll(async () => {
  t = createTestDb();
  await bootstrap(t.db, parseEnv({}), now);
});
afterAll(() => t.close());

const count = (table: string) => (t.db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

it('holds within the minute and moves with it', () => {
  const v = pageVersion(t.db, now);
  expect(pageVersion(t.db, new Date(now.getTime() + 40_000))).toBe(v);
  expect(pageVersion(t.db, new Date(now.getTime() + 60_000))).not.toBe(v);
});

it("the aggregates' day clock holds through the Beijing day and turns at its midnight, not UTC's", () => {
  const at = (iso: string) => dataVersion(t.db, new Date(iso), 'day');
  expect(at('2026-11-23T00:00:00+08:00')).toBe(at('2026-11-23T23:59:59+08:00'));
  expect(at('2026-11-23T08:30:00+08:00')).toBe(at('2026-11-23T07:59:00+08:00'));
  expect(at('2026-11-24T00:00:00+08:00')).not.toBe(at('2026-11-23T23:59:59+08:00'));
  expect(dataVersion(t.db, now, 'minute')).not.toBe(dataVersion(t.db, new Date(now.getTime() + 60_000), 'minute'));
});

it('moves with stored ratings, new alerts and every audited write', async () => {
  let v = pageVersion(t.db, now);
  // The demo's ratings are computed on first view; storing them is a version of its own.
  const ratings = count('ratings');
  ensureYearRatings(t.db, 2025, now);
  expect(count('ratings')).toBeGreaterThan(ratings);
  expect(pageVersion(t.db, now)).not.toBe(v);
  v = pageVersion(t.db, now);

  const alerts = count('alerts');
  await dailyAlerts(t.db, now);
  expect(count('alerts')).toBeGreaterThan(alerts);
  expect(pageVersion(t.db, now)).not.toBe(v);
  v = pageVersion(t.db, now);

  const actor = resolveActor(t.db, { bearerToken: createApiToken(t.db, await addUser(t.db, 'pv.office', 'office', 'HX'), 't').token })!;
  submitRecords(
    t.db,
    actor,
    'hazards',
    [
      {
        externalId: 'HZ-PAGE-VERSION',
        unitCode: 'SH01',
        domain: 'drones',
        dimension: 'data',
        severity: 'general',
        foundAt: '2026-11-20T10:00:00+08:00',
        dueAt: '2026-12-30T10:00:00+08:00',
      },
    ],
    { now, source: 'api' },
  );
  expect(pageVersion(t.db, now)).not.toBe(v);
  v = pageVersion(t.db, now);
  const day = dataVersion(t.db, now, 'day');
  // A read changes nothing.
  expect(pageVersion(t.db, now)).toBe(v);
  expect(dataVersion(t.db, now, 'day')).toBe(day);
});
