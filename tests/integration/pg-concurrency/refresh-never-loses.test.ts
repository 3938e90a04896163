import { afterAll, beforeAll, expect, it } from 'vitest';
import { storedRatings } from '@/db/rating/ratings';
import { activeRatingRuleSet } from '@/db/rule-sets/rating-rule-sets';
import { ALL_UNITS, type Actor } from '@/domain/auth/actor';
import { evaluationInstant } from '@/domain/rating/evaluate';
import { submitRecords } from '@/features/records/submit';
import { ratingsFollowWrites } from '@/features/rating/follow-writes';
import { rateInstitutes } from '@/features/rating/rate-institutes';
import { incidentItem, seededWithApiClient, twoServers, type TwoServers } from './two-servers';

// Decision 047 row 5: the provisional refresh never loses a change. Each round one server writes to an
// institute and the other to another, both follow their writes at once; the 'ratings' lock per year makes
// each store's read-compare-write of the mark serial, so what is stored equals a rating from scratch (the
// check of tests/integration/provisional-refresh.test.ts).

const ROUNDS = 12;
const t0 = new Date('2026-06-01T12:00:00+08:00');
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
let s: TwoServers;
let actors: { one: Actor; other: Actor };
beforeAll(async () => {
  s = await twoServers();
  actors = await seededWithApiClient(s);
  await ratingsFollowWrites(s.one, t0);
}, 120_000);
afterAll(() => s.close());

async function expectAsFromScratch(now: Date, round: number) {
  const results = await rateInstitutes(s.other, await activeRatingRuleSet(s.other), 2026, { asOf: evaluationInstant(2026, now) });
  const whole = new Map(
    results.map((r) => [r.institute.id, { level: r.rating.level, points: r.rating.points, n: r.rating.contributions.length }]),
  );
  const stored = await storedRatings(s.one, ALL_UNITS, 2026, 'provisional');
  expect(stored).toHaveLength(whole.size);
  for (const r of stored)
    expect({ level: r.level, points: r.points, n: r.contributions.length }, `round ${round}, institute ${r.instituteId}`).toEqual(
      whole.get(r.instituteId),
    );
}

it(`${ROUNDS} rounds of writes to two institutes through two servers, each followed at once: always as from scratch`, async () => {
  for (let round = 0; round < ROUNDS; round++) {
    const now = at(round + 1);
    // Serious incidents, so that each write changes its institute's rating.
    const write = (server: 'one' | 'other', unit: string) =>
      submitRecords(s[server], actors[server], 'incidents', [{ ...incidentItem(`R${round}-${unit}`, unit), tier: 1 }], {
        now,
        source: 'api',
      });
    await Promise.all([write('one', round % 2 ? 'BJ01' : 'BJ02'), write('other', 'SH01')]);
    await Promise.all([ratingsFollowWrites(s.one, now), ratingsFollowWrites(s.other, now)]);
    await expectAsFromScratch(now, round);
  }
}, 300_000);
