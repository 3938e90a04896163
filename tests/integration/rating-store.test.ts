import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Db } from '@/db/tx';
import { rawAll } from '@/db/engine';
import { storeRatings, type RatingToStore } from '@/db/rating/rating-store';
import type { Contribution, Rating } from '@/domain/rating/types';
import { createTestDb } from '../setup/test-db';
import { org, seedSmallOrg } from '../setup/small-org';

// storeRatings writes a year's rating rows in few statements and then the lines of many ratings in each
// statement (5,000 lines a statement): every line must reach the rating of its own institute, in its order,
// across statements that end inside one rating's lines and hold the lines of several ratings. On both engines.

let db: Db;
let close: () => void;
beforeAll(async () => {
  ({ db, close } = await createTestDb());
  await seedSmallOrg(db);
});
afterAll(() => close());

const asOf = new Date('2026-06-01T00:00:00+08:00');

/** `n` distinct lines of an institute, named by `tag` and their position. */
const lines = (tag: string, n: number): Contribution[] =>
  Array.from({ length: n }, (_, i) => ({
    rule: i % 2 ? 'hazard.overdue' : 'incident.base',
    kind: i % 2 ? 'hazards' : 'incidents',
    recordId: i % 7 ? i + 1 : null,
    externalId: `${tag}-${i}`,
    points: i % 13,
    floor: i % 11 === 0 ? 'orange' : null,
    detail: {},
  })) as unknown as Contribution[];

const rated = (instituteId: number, contributions: Contribution[]): RatingToStore => {
  const rating: Rating = {
    year: 2026,
    asOf,
    ruleSetVersion: 'test',
    points: contributions.length,
    levelByPoints: 'blue',
    floors: [],
    level: 'blue',
    contributions,
  };
  return { institute: { id: instituteId }, rating };
};

/** The stored lines of each institute's provisional 2026 rating, in id order, as the store was given them. */
async function storedLines(): Promise<Map<number, unknown[][]>> {
  const rows = await rawAll<{
    inst: number;
    rule: string;
    kind: string;
    rec: number | null;
    ext: string;
    points: number;
    floor: string | null;
  }>(
    db,
    sql`SELECT r.institute_id AS inst, c.rule, c.record_kind AS kind, c.record_id AS rec, c.record_external_id AS ext, c.points, c.floor
        FROM rating_contributions c JOIN ratings r ON r.id = c.rating_id
        WHERE r.year = 2026 AND r.status = 'provisional' ORDER BY c.id`,
  );
  const out = new Map<number, unknown[][]>();
  for (const r of rows) out.set(r.inst, [...(out.get(r.inst) ?? []), [r.rule, r.kind, r.rec, r.ext, r.points, r.floor]]);
  return out;
}

const given = (cs: Contribution[]) => cs.map((c) => [c.rule, c.kind, c.recordId, c.externalId, c.points, c.floor]);

it('stores every institute’s lines with its own rating, in order, across statements of many ratings', async () => {
  // 6,100 lines: the first statement ends inside BJ01's lines, the second holds its rest and SH01's.
  const results = [rated(org.BJ02, []), rated(org.BJ01, lines('BJ01', 6_100)), rated(org.SH01, lines('SH01', 7))];
  await storeRatings(db, 2026, 'provisional', results, asOf);
  const stored = await storedLines();
  expect(stored.get(org.BJ02)).toBeUndefined();
  expect(stored.get(org.BJ01)).toEqual(given(results[1]!.rating.contributions));
  expect(stored.get(org.SH01)).toEqual(given(results[2]!.rating.contributions));

  // Stored again (another order, other lines): the year's lines are replaced, none left from before.
  const again = [rated(org.SH01, lines('SH01b', 3)), rated(org.BJ02, lines('BJ02b', 2)), rated(org.BJ01, lines('BJ01b', 1))];
  await storeRatings(db, 2026, 'provisional', again, asOf);
  const replaced = await storedLines();
  expect([...replaced.keys()].sort()).toEqual([org.BJ01, org.BJ02, org.SH01].sort());
  for (const r of again) expect(replaced.get(r.institute.id)).toEqual(given(r.rating.contributions));
});
