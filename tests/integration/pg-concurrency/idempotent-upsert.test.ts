import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { rawGet } from '@/db/engine';
import type { Actor } from '@/domain/auth/actor';
import { ImportPool, DEFAULT_POOL } from '@/features/import/import-pool';
import { submitBatch } from '@/features/records/submit-off-thread';
import { incidentItem, seededWithApiClient, twoServers, type TwoServers } from './two-servers';

// Decision 047 row 2: the same record sent 20 times at once, 10 through each server, through the API's
// submission path (submitBatch, which the API route calls), is stored once. planWrites locks the batch's
// (kind, institute) before it reads which records exist; the submission retries once on a unique violation.

let s: TwoServers;
let actors: { one: Actor; other: Actor };
const pools = [new ImportPool({ ...DEFAULT_POOL, workers: 1 }), new ImportPool({ ...DEFAULT_POOL, workers: 1 })];
beforeAll(async () => {
  s = await twoServers();
  actors = await seededWithApiClient(s);
}, 120_000);
afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
  await s.close();
});

it('20 identical submissions at once from two servers: one row, created once then unchanged, one audit entry', async () => {
  const now = new Date('2026-06-01T12:00:00+08:00');
  const item = incidentItem('SAME-1', 'BJ01');
  const answers = await Promise.allSettled(
    Array.from({ length: 20 }, (_, i) =>
      i % 2
        ? submitBatch(s.other, actors.other, 'incidents', [item], { now, source: 'api' }, pools[1])
        : submitBatch(s.one, actors.one, 'incidents', [item], { now, source: 'api' }, pools[0]),
    ),
  );
  expect(answers.filter((a) => a.status === 'rejected')).toEqual([]);
  const outcomes = answers.map((a) => (a.status === 'fulfilled' ? a.value.outcomes[0] : 'failed')).sort();
  expect(outcomes).toEqual(['created', ...Array(19).fill('unchanged')]);
  const stored = await rawGet<{ n: number; id: number }>(
    s.one,
    sql`SELECT count(*) AS n, min(id) AS id FROM incidents WHERE external_id = 'SAME-1' AND institute_id = 4`,
  );
  expect(stored!.n).toBe(1);
  const ids = new Set(answers.map((a) => (a.status === 'fulfilled' ? a.value.ids[0] : 0)));
  expect(ids).toEqual(new Set([stored!.id]));
  const audited = await rawGet<{ n: number }>(
    s.one,
    sql`SELECT count(*) AS n FROM audit_log WHERE entity_kind = 'incidents' AND entity_id = ${stored!.id}`,
  );
  expect(audited!.n).toBe(1);
}, 120_000);
