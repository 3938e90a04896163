import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../setup/test-db';
import { appendAudit } from '@/db/audit/audit-log';
import { insertDataset } from '@/features/demo/insert-dataset';
import { storedRatings } from '@/db/rating/ratings';
import { storedLineCount, storedRuleGroups, storedRulePage } from '@/db/rating/rating-lines';
import { ALL_UNITS } from '@/domain/auth/actor';
import { buildHazard, buildUnit } from '@/features/demo/factories';
import { groupByRule, rulePage } from '@/domain/rating/contribution-groups';
import { refreshProvisionalRatings } from '@/features/rating/refresh';
import { setProvisionalRefresher } from '@/features/rating/refresh-delegate';
import { ratingsFollowWrites } from '@/features/rating/follow-writes';
import { awaitProvisionalRatings, ensureYearRatings, INLINE_REFRESH_RECORDS } from '@/features/rating/year-ratings';

// Decisions 031, 045: a huge institute's rating is stored cheaply, read by rule in SQL, and rated again in
// the job thread rather than inside the request that wrote, while a normal institute is still rated inline
// (a write shows on the very next read). Reads rate nothing; they wait a bounded time for what a write handed
// over. Real migrated SQLite; the job thread is stood in for by a refresher that rates on the same
// connection when the test lets it.

const DAY = 86_400_000;
const NOW = new Date('2026-06-15T12:00:00+08:00');
const BIG = INLINE_REFRESH_RECORDS + 1_000;
let t: TestDb;

beforeAll(async () => {
  t = await createTestDb();
  const hazards = (instituteId: number, n: number, prefix: string) =>
    Array.from({ length: n }, (_, i) => {
      const foundAt = new Date(NOW.getTime() - (40 + (i % 300)) * DAY);
      return buildHazard({
        unitId: instituteId,
        instituteId,
        externalId: `${prefix}-${i}`,
        severity: i % 20 === 0 ? 'major' : 'general',
        foundAt,
        dueAt: new Date(foundAt.getTime() + 30 * DAY),
      });
    });
  await insertDataset(t.db, {
    units: [
      buildUnit({ id: 1, code: 'HX', kind: 'academy', path: '/1/' }),
      buildUnit({ id: 2, code: 'BJ', kind: 'branch', parentId: 1, path: '/1/2/' }),
      buildUnit({ id: 4, code: 'BJ01', kind: 'institute', parentId: 2, path: '/1/2/4/', instituteId: 4 }),
      buildUnit({ id: 5, code: 'BJ02', kind: 'institute', parentId: 2, path: '/1/2/5/', instituteId: 5 }),
    ],
    hazards: [...hazards(4, BIG, 'FLOOD'), ...hazards(5, 3, 'BJ02')],
  });
  await refreshProvisionalRatings(t.db, NOW);
});
afterAll(() => {
  setProvisionalRefresher(null);
  t.close();
});

/** Marks the institute's records as written, as an audited write does. */
async function touch(instituteId: number) {
  await appendAudit(
    t.db,
    [{ actorUserId: null, action: 'hazards.update', entityKind: 'hazards', entityId: 1, unitId: instituteId, before: null, after: null }],
    NOW,
  );
}

describe('a huge institute', () => {
  it('groups and pages its stored lines in SQL exactly as in memory', async () => {
    const stored = (await storedRatings(t.db, ALL_UNITS, 2026, 'provisional', [4]))[0]!;
    expect(await storedLineCount(t.db, stored.id)).toBe(stored.contributions.length);
    expect(await storedRuleGroups(t.db, stored.id, 5)).toEqual(groupByRule(stored.contributions, 5));
    for (const g of groupByRule(stored.contributions))
      for (const page of [1, 2, 1_000])
        expect(await storedRulePage(t.db, stored.id, g.rule, g.count, page, 50)).toEqual(rulePage(stored.contributions, g.rule, page, 50));
    expect((await storedRatings(t.db, ALL_UNITS, 2026, 'provisional', [4], false))[0]!.contributions).toEqual([]);
  });

  it('is rated again in the job thread, a normal one inline; a read waits a bounded time', async () => {
    const asked: Date[] = [];
    let release = async () => {};
    setProvisionalRefresher(
      (now) =>
        new Promise<void>((resolve) => {
          asked.push(now);
          release = async () => {
            await refreshProvisionalRatings(t.db, now);
            resolve();
          };
        }),
    );
    const later = new Date(NOW.getTime() + 60_000);
    const id = async (instituteId: number) => (await storedRatings(t.db, ALL_UNITS, 2026, 'provisional', [instituteId], false))[0]!.id;
    // A normal institute written: rated inline by the write's event, visible at once, nothing handed over.
    const normal = await id(5);
    await touch(5);
    await ratingsFollowWrites(t.db, later);
    expect(asked).toEqual([]);
    expect(await id(5)).not.toBe(normal);
    expect(await awaitProvisionalRatings(t.db, 2026, later, 10)).toMatchObject({ recomputing: false });

    // The huge one written: handed to the thread, and the write's event does not wait for it.
    const huge = await id(4);
    await touch(4);
    let started = performance.now();
    await ratingsFollowWrites(t.db, later);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(asked.length).toBe(1);
    expect(await id(4)).toBe(huge);
    // A read gives up waiting for it after its bound and says so; it rates nothing itself.
    started = performance.now();
    const waited = await awaitProvisionalRatings(t.db, 2026, later, 200);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(waited.recomputing).toBe(true);
    expect(waited.computedAt).not.toBeNull();
    expect(await ensureYearRatings(t.db, 2026, later)).toBe('provisional');
    expect(await id(4)).toBe(huge);
    expect(asked.length).toBe(1);
    // Once the thread has stored it, the next read waits for nothing and shows it.
    await release();
    expect(await awaitProvisionalRatings(t.db, 2026, later, 10)).toMatchObject({ recomputing: false });
    expect(await id(4)).not.toBe(huge);
  });

  it('a read with nothing handed over answers at once, without a thread and with a stuck one alike', async () => {
    setProvisionalRefresher(() => new Promise<void>(() => {}));
    const started = performance.now();
    expect(await awaitProvisionalRatings(t.db, 2026, NOW, 5_000)).toMatchObject({ recomputing: false });
    setProvisionalRefresher(null);
    expect(await awaitProvisionalRatings(t.db, 2026, NOW, 5_000)).toMatchObject({ recomputing: false });
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
