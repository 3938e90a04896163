import { afterAll, beforeAll, expect, it } from 'vitest';
import { stagedImports } from '@/db/schema';
import type { Actor } from '@/domain/auth/actor';
import { resolveActor } from '@/features/auth/resolve-actor';
import { stageImport, StagingFull } from '@/features/import/staging';
import { seedServerDb } from '../../setup/reporter';
import { addUser } from '../../setup/small-org';
import { twoServers, type TwoServers } from './two-servers';

// Decision 047, the 'staged-imports' lock: staging an upload reads the per-user and total sums, then
// inserts; the lock, taken first in the staging transaction, makes two servers' uploads take turns, so
// together they never pass the bounds (tests/integration/staging-two-servers.test.ts, on PostgreSQL).

const MB = 1024 * 1024;
let s: TwoServers;
let owner: Actor;
let colleague: Actor;
beforeAll(async () => {
  s = await twoServers();
  owner = await seedServerDb(s.one, 'conc.owner');
  await addUser(s.one, 'conc.colleague', 'reporter', 'BJ01');
  colleague = (await resolveActor(s.one, { cliLogin: 'conc.colleague' }))!;
}, 120_000);
afterAll(() => s.close());

it('uploads through the two servers at once never pass the bounds together', async () => {
  const file = Buffer.alloc(MB - 1024, 0x41);
  const bounds = { perUserBytes: 3 * MB, totalBytes: 5 * MB };
  const meta = (actor: Actor) => ({ userId: actor.userId, kind: 'incidents', format: 'csv' as const, name: 'a.csv' });
  const tenAtOnce = async (actor: Actor) => {
    const answers = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => stageImport(i % 2 ? s.other : s.one, file, meta(actor), bounds)),
    );
    return answers.flatMap((a) => {
      if (a.status === 'fulfilled') return [];
      expect(a.reason).toBeInstanceOf(StagingFull);
      return [(a.reason as StagingFull).scope];
    });
  };
  expect(await tenAtOnce(owner)).toEqual(Array(7).fill('user'));
  expect(await tenAtOnce(colleague)).toEqual(Array(8).fill('total'));
  const rows = await s.one.select({ owner: stagedImports.ownerUserId }).from(stagedImports);
  expect(rows.filter((r) => r.owner === owner.userId)).toHaveLength(3);
  expect(rows.filter((r) => r.owner === colleague.userId)).toHaveLength(2);
}, 120_000);
