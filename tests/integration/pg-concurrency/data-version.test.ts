import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { latestChanges } from '@/db/changes/latest-changes';
import { rawAll, rawGet } from '@/db/engine';
import { storeRatings } from '@/db/rating/rating-store';
import { activeRatingRuleSet } from '@/db/rule-sets/rating-rule-sets';
import { evaluationInstant } from '@/domain/rating/evaluate';
import { rateInstitutes } from '@/features/rating/rate-institutes';
import type { Actor } from '@/domain/auth/actor';
import { dataVersion } from '@/features/dashboards/memo';
import { submitRecords } from '@/features/records/submit';
import { pageVersion } from '@/server/page-cache/version';
import { pausable, stopAt } from './pause';
import { incidentItem, seededWithApiClient, twoServers, type TwoServers } from './two-servers';

// Decision 047 row 8: the data version is a counter moved inside every writing transaction, so a write
// through one server changes what the other's kept pages and memoised aggregates are valid for on its very
// next call, whatever ids the write's rows took.

const NOW = new Date('2026-06-01T12:00:00+08:00');
let s: TwoServers;
let actors: { one: Actor; other: Actor };
beforeAll(async () => {
  s = await twoServers();
  actors = await seededWithApiClient(s);
  pausable(s.one);
}, 120_000);
afterAll(() => s.close());

const write = (server: 'one' | 'other', externalId: string) =>
  submitRecords(s[server], actors[server], 'incidents', [incidentItem(externalId, 'BJ01')], { now: NOW, source: 'api' });

it('a write through one server moves the other server’s page and dashboard versions on its next call', async () => {
  const page = await pageVersion(s.other, NOW);
  const data = await dataVersion(s.other, NOW);
  await write('one', 'DV-1');
  expect(await pageVersion(s.other, NOW)).not.toBe(page);
  expect(await dataVersion(s.other, NOW)).not.toBe(data);
  // And unchanged while nothing is written.
  expect(await pageVersion(s.other, NOW)).toBe(await pageVersion(s.one, NOW));
}, 60_000);

it('100 writes at once through both servers: each moves the version (its audit entry, its alerts) at least once', async () => {
  const start = (await latestChanges(s.other)).version;
  await Promise.all(Array.from({ length: 100 }, (_, i) => write(i % 2 ? 'other' : 'one', `DV-MANY-${i}`)));
  // A counter moved inside each writing transaction: 100 commits move it at least 100 times, however they
  // interleave (an id-based version could stand still for a write whose rows took lower ids).
  const end = (await latestChanges(s.one)).version;
  expect(end - start).toBeGreaterThanOrEqual(100);
}, 120_000);

/** The data version before decision 047: the newest id of ratings, alerts and audit entries. */
const maxIds = async (server: 'one' | 'other') =>
  JSON.stringify(
    await rawGet(
      s[server],
      sql`SELECT (SELECT max(id) FROM ratings) AS r, (SELECT max(id) FROM alerts) AS a, (SELECT max(id) FROM audit_log) AS l`,
    ),
  );

it('a transaction that took lower ids commits after one that took higher ids: a reader in between still sees the version move', async () => {
  // Two servers storing ratings of two years at once (a past year's follow on one, this year's on the other):
  // different 'ratings' locks, so neither waits, and ids come from one sequence at insert, not at commit.
  const rated = async (year: number) =>
    rateInstitutes(s.one, await activeRatingRuleSet(s.one), year, { asOf: evaluationInstant(year, NOW) });
  const [past, current] = [await rated(2025), await rated(2026)];
  // Server one inserts its rows (the lower ids) and stops before moving the version, i.e. before commit.
  const beforeMove = stopAt(s.one, (q) => /pg_advisory_xact_lock\(/.test(q.text) && q.values[0] === 'audit');
  const slow = storeRatings(s.one, 2025, 'final', past, NOW);
  // (Had it committed without moving the version, the stop would never come: fail rather than wait.)
  await Promise.race([
    beforeMove.reached,
    slow.then(() => Promise.reject(new Error('the ratings were stored without moving the data version'))),
  ]);
  // Server other stores (the higher ids) and commits first.
  await storeRatings(s.other, 2026, 'provisional', current, NOW);
  const ids = await rawAll<{ year: number; id: number }>(s.other, sql`SELECT year, max(id) AS id FROM ratings GROUP BY year`);
  expect(ids).toEqual([{ year: 2026, id: expect.any(Number) }]);

  // A reader on server other, between the two commits: what its kept pages and memoised aggregates are for.
  const seen = {
    version: (await latestChanges(s.other)).version,
    page: await pageVersion(s.other, NOW),
    data: await dataVersion(s.other, NOW),
  };
  const oldIdea = await maxIds('other');
  beforeMove.go();
  await slow;
  const byYear = Object.fromEntries(
    (
      await rawAll<{ year: number; lo: number; hi: number }>(
        s.other,
        sql`SELECT year, min(id) AS lo, max(id) AS hi FROM ratings GROUP BY year`,
      )
    ).map((r) => [r.year, r]),
  );
  // The race is real: the later commit holds the lower ids, so max(id) did not move for it ...
  expect(byYear[2025]!.hi).toBeLessThan(byYear[2026]!.lo);
  expect(await maxIds('other')).toBe(oldIdea);
  // ... and the counter did, on the other server's very next call.
  expect((await latestChanges(s.other)).version).toBeGreaterThan(seen.version);
  expect(await pageVersion(s.other, NOW)).not.toBe(seen.page);
  expect(await dataVersion(s.other, NOW)).not.toBe(seen.data);
}, 60_000);
