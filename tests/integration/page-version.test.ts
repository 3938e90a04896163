import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TestDb } from '../setup/test-db';
import { createDemoDb } from '../setup/demo-db';
import { addUser } from '../setup/small-org';
import { resolveActor } from '@/features/auth/resolve-actor';
import { createApiToken } from '@/features/auth/api-tokens';
import { submitRecords } from '@/features/records/submit';
import { ensureYearRatings } from '@/features/rating/year-ratings';
import { refreshProvisionalRatings } from '@/features/rating/refresh';
import { dailyAlerts } from '@/jobs/alerts';
import { pageVersion } from '@/server/page-cache/version';
import { dataVersion } from '@/features/dashboards/memo';
import { sql } from 'drizzle-orm';
import { rawGet } from '@/db/engine';

// A kept page is answered only while its version holds (decision 021): the version must move with
// everything the dashboards show, and only with that.

let t: TestDb;
const now = new Date('2026-11-23T10:00:10+08:00');
beforeAll(async () => {
  t = await createDemoDb(now, { ratings: false });
});
afterAll(() => t.close());

// `table` is one of the fixed names below, never input.
const count = async (table: string) => (await rawGet<{ n: number }>(t.db, sql`SELECT count(*) AS n FROM ${sql.raw(table)}`))!.n;

it('holds within the minute and moves with it', async () => {
  const v = await pageVersion(t.db, now);
  expect(await pageVersion(t.db, new Date(now.getTime() + 40_000))).toBe(v);
  expect(await pageVersion(t.db, new Date(now.getTime() + 60_000))).not.toBe(v);
});

it("the aggregates' day clock holds through the Beijing day and turns at its midnight, not UTC's", async () => {
  const at = (iso: string) => dataVersion(t.db, new Date(iso), 'day');
  expect(await at('2026-11-23T00:00:00+08:00')).toBe(await at('2026-11-23T23:59:59+08:00'));
  expect(await at('2026-11-23T08:30:00+08:00')).toBe(await at('2026-11-23T07:59:00+08:00'));
  expect(await at('2026-11-24T00:00:00+08:00')).not.toBe(await at('2026-11-23T23:59:59+08:00'));
  expect(await dataVersion(t.db, now, 'minute')).not.toBe(await dataVersion(t.db, new Date(now.getTime() + 60_000), 'minute'));
});

it('moves with stored ratings, new alerts and every audited write', async () => {
  let v = await pageVersion(t.db, now);
  // A read of the ratings stores nothing (decision 045), so the version holds.
  const ratings = await count('ratings');
  expect(await ensureYearRatings(t.db, 2025, now)).toBeNull(); // nothing stored yet: not rated
  expect(await count('ratings')).toBe(ratings);
  expect(await pageVersion(t.db, now)).toBe(v);
  // The demo's ratings are stored by the daily job (and at start); storing them is a version of its own.
  await refreshProvisionalRatings(t.db, now);
  expect(await count('ratings')).toBeGreaterThan(ratings);
  expect(await pageVersion(t.db, now)).not.toBe(v);
  v = await pageVersion(t.db, now);

  const alerts = await count('alerts');
  await dailyAlerts(t.db, now);
  expect(await count('alerts')).toBeGreaterThan(alerts);
  expect(await pageVersion(t.db, now)).not.toBe(v);
  v = await pageVersion(t.db, now);

  const token = (await createApiToken(t.db, await addUser(t.db, 'pv.office', 'office', 'HX'), 't')).token;
  const actor = (await resolveActor(t.db, { bearerToken: token }))!;
  await submitRecords(
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
  expect(await pageVersion(t.db, now)).not.toBe(v);
  v = await pageVersion(t.db, now);
  const day = await dataVersion(t.db, now, 'day');
  // A read changes nothing.
  expect(await pageVersion(t.db, now)).toBe(v);
  expect(await dataVersion(t.db, now, 'day')).toBe(day);
});
