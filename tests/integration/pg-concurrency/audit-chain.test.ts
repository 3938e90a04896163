import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { verifyAuditChain } from '@/db/audit/audit-log';
import { rawGet } from '@/db/engine';
import type { Actor } from '@/domain/auth/actor';
import { submitRecords } from '@/features/records/submit';
import { incidentItem, seededWithApiClient, twoServers, type TwoServers } from './two-servers';

// Decision 047 row 1: the audit hash chain stays one chain with two servers writing at once. Each append
// reads the tail and links to it; the 'audit' lock (appendAudit) makes the next append wait for the commit.

let s: TwoServers;
let actors: { one: Actor; other: Actor };
beforeAll(async () => {
  s = await twoServers();
  actors = await seededWithApiClient(s);
}, 120_000);
afterAll(() => s.close());

it('2 servers × 50 single-item submissions at once: 100 more entries, one verifying chain, no error', async () => {
  const entries = async () => (await rawGet<{ n: number }>(s.one, sql`SELECT count(*) AS n FROM audit_log`))!.n;
  const before = await entries();
  const now = new Date('2026-06-01T12:00:00+08:00');
  const answers = await Promise.allSettled(
    Array.from({ length: 100 }, (_, i) => {
      const [db, actor] = i % 2 ? [s.other, actors.other] : [s.one, actors.one];
      return submitRecords(db, actor, 'incidents', [incidentItem(`CHAIN-${i}`, i % 3 ? 'BJ01' : 'SH01')], { now, source: 'api' });
    }),
  );
  expect(answers.filter((a) => a.status === 'rejected')).toEqual([]);
  expect(await entries()).toBe(before + 100);
  expect(await verifyAuditChain(s.other)).toMatchObject({ ok: true, entries: before + 100 });
  // One chain: every entry but the first links to another, and no two to the same.
  const links = await rawGet<{ heads: number; forks: number }>(
    s.one,
    sql`SELECT (SELECT count(*) FROM audit_log WHERE prev_hash IS NULL) AS heads,
               (SELECT count(*) FROM (SELECT prev_hash FROM audit_log GROUP BY prev_hash HAVING count(*) > 1) f) AS forks`,
  );
  expect(links).toEqual({ heads: 1, forks: 0 });
}, 120_000);
