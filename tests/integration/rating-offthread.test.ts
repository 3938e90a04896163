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
import { awaitProvisionalRatings, ensureYearRatings, INLINE_REFRESH_RECORDS } from '@/features/rating/year-ratings';

// Decision 031: a huge institute's rating is stored cheaply, read by rule in SQL, and rated again in the job
// thread rather than inside a request, while a normal institute is still rated inline (a write shows on the
// very next read). Real migrated SQLite; the job thread is stood in for by a refresher that rates on the
// same connection when the test lets it.

const DAY = 86_400_000;
const NOW = new Date('2026-06-15T12:00:00+08:00');
const BIG = INLINE_REFRESH_RECORDS + 1_000;
let t: TestDb;

beforeAll(() => {
  t = createTestDb();
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
  insertDataset(t.db, {
    units: [
      buildUnit({ id: 1, code: 'HX', kind: 'academy', path: '/1/' }),
      buildUnit({ id: 2, code: 'BJ', kind: 'branch', parentId: 1, path: '/1/2/' }),
      buildUnit({ id: 4, code: 'BJ01', kind: 'institute', parentId: 2, path: '/1/2/4/', instituteId: 4 }),
      buildUnit({ id: 5, code: 'BJ02', kind: 'institute', parentId: 2, path: '/1/2/5/', instituteId: 5 }),
    ],
    projects: [],
    assessments: [],
    assessmentDimensions: [],
    incidents: [],
    inspections: [],
    ethicsCommittees: [],
    ethicsActivities: [],
    ethicsAnnualReports: [],
    hazards: [...hazards(4, BIG, 'FLOOD'), ...hazards(5, 3, 'BJ02')],
  });
  refreshProvisionalRatings(t.db, NOW);
});
afterAll(() => {
  setProvisionalRefresher(null);
  t.close();
});

/** Marks the institute's records as written, as an audited write does. */
function touch(instituteId: number) {
  appendAudit(
    t.db,
    [{ actorUserId: null, action: 'hazards.update', entityKind: 'hazards', entityId: 1, unitId: instituteId, before: null, after: null }],
    NOW,
  );
}

describe('a huge institute', () => {
  it('groups and pages its stored lines in SQL exactly as in memory', () => {
    const stored = storedRatings(t.db, ALL_UNITS, 2026, 'provisional', [4])[0]!;
    expect(storedLineCount(t.db, stored.id)).toBe(stored.contributions.length);
    expect(storedRuleGroups(t.db, stored.id, 5)).toEqual(groupByRule(stored.contributions, 5));
    for (const g of groupByRule(stored.contributions))
      for (const page of [1, 2, 1_000])
        expect(storedRulePage(t.db, stored.id, g.rule, g.count, page, 50)).toEqual(rulePage(stored.contributions, g.rule, page, 50));
    expect(storedRatings(t.db, ALL_UNITS, 2026, 'provisional', [4], false)[0]!.contributions).toEqual([]);
  });

  it('is rated again in the job thread, a normal one inline; a read waits a bounded time', async () => {
    const asked: Date[] = [];
    let release = () => {};
    setProvisionalRefresher(
      (now) =>
        new Promise<void>((resolve) => {
          asked.push(now);
          release = () => {
            refreshProvisionalRatings(t.db, now);
            resolve();
          };
        }),
    );
    const later = new Date(NOW.getTime() + 60_000);
    // A normal institute written: rated inline, visible at once, nothing handed over.
    touch(5);
    ensureYearRatings(t.db, 2026, later);
    expect(asked).toEqual([]);
    expect(await awaitProvisionalRatings(t.db, 2026, later, 10)).toMatchObject({ recomputing: false });

    // The huge one written: handed to the thread; the read gives up waiting after its bound and says so.
    touch(4);
    const started = performance.now();
    const waited = await awaitProvisionalRatings(t.db, 2026, later, 200);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(waited.recomputing).toBe(true);
    expect(waited.computedAt).not.toBeNull();
    expect(asked.length).toBeGreaterThan(0);
    ensureYearRatings(t.db, 2026, later);
    // Once the thread has stored it, the next read waits for nothing.
    release();
    expect(await awaitProvisionalRatings(t.db, 2026, later, 10)).toMatchObject({ recomputing: false });
  });
});
