import { afterAll, beforeAll, expect, it } from 'vitest';
import { latestChanges } from '@/db/changes/latest-changes';
import type { Actor } from '@/domain/auth/actor';
import { dataVersion } from '@/features/dashboards/memo';
import { submitRecords } from '@/features/records/submit';
import { pageVersion } from '@/server/page-cache/version';
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

it('100 writes at once through both servers: each moves the version (its audit entry, its alerts), so the last differs from every one before', async () => {
  const start = (await latestChanges(s.other)).version;
  const seen: number[] = [];
  await Promise.all(
    Array.from({ length: 100 }, async (_, i) => {
      const server = i % 2 ? 'other' : 'one';
      seen.push((await latestChanges(s[server])).version);
      await write(server, `DV-MANY-${i}`);
    }),
  );
  const end = (await latestChanges(s.one)).version;
  expect(end - start).toBeGreaterThanOrEqual(100);
  expect(seen.every((v) => v < end)).toBe(true);
}, 120_000);
