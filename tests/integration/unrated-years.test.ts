import { afterAll, beforeAll, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/tx';
import { auditLog } from '@/db/schema';
import { storedRatings } from '@/db/rating/ratings';
import { activeRatingRuleSet } from '@/db/rule-sets/rating-rule-sets';
import { buildHazard, buildIncident } from '@/features/demo/factories';
import { insertDataset } from '@/features/demo/insert-dataset';
import { ALL_UNITS, type Actor } from '@/domain/auth/actor';
import { evaluationInstant } from '@/domain/rating/evaluate';
import { createApiToken } from '@/features/auth/api-tokens';
import { resolveActor } from '@/features/auth/resolve-actor';
import { submitRecords } from '@/features/records/submit';
import { rateInstitutes } from '@/features/rating/rate-institutes';
import { refreshProvisionalRatings } from '@/features/rating/refresh';
import { ratingsFollowWrites } from '@/features/rating/follow-writes';
import { handedOver, setProvisionalRefresher } from '@/features/rating/refresh-delegate';
import { storedYears } from '@/features/rating/rated-years';
import { ensureYearRatings, recomputeYear } from '@/features/rating/year-ratings';
import { loadRatingsTable, ratingsQuerySchema } from '@/features/rating/views/ratings-table';
import { ratingsForApi } from '@/features/rating/api-ratings';
import { buildWarningNotice } from '@/features/rating/views/warning-notice';
import { createTestDb } from '../setup/test-db';
import { addUser, org, seedSmallOrg } from '../setup/small-org';

// Past years with records and no stored ratings (decision 045, follow-up): history loaded today is rated
// at once by the write event, the daily job catches up what no event saw, the office can rate such a year
// from the ratings page, and a year without any record stays "not rated yet", never zeros (no blue).

let db: Db;
let close: () => void;
let office: Actor;
const t0 = new Date('2026-06-01T12:00:00+08:00');
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
beforeAll(async () => {
  ({ db, close } = await createTestDb());
  await seedSmallOrg(db);
  const token = await createApiToken(db, await addUser(db, 'uy.office', 'office', 'HX'), 't');
  office = (await resolveActor(db, { bearerToken: token.token }))!;
  // The start-up catch-up: this year, and the years the seed holds records of.
  await refreshProvisionalRatings(db, t0);
});
afterAll(() => close());

const finals = async (year: number) => storedRatings(db, ALL_UNITS, year, 'final');

async function expectAsFromScratch(year: number, now: Date) {
  const whole = await rateInstitutes(db, await activeRatingRuleSet(db), year, { asOf: evaluationInstant(year, now) });
  const stored = await finals(year);
  expect(stored.map((r) => [r.instituteId, r.level, r.points])).toEqual(
    whole.map((r) => [r.institute.id, r.rating.level, r.rating.points]).sort((a, b) => Number(a[0]) - Number(b[0])),
  );
}

const table = (year: number, now: Date) => loadRatingsTable(db, office, ratingsQuerySchema.parse({ year: String(year) }), now);

/** History loaded today through the API: a tier II incident of `unitCode` on `day`, reported half an hour later. */
const loadTierII = (unitCode: string, day: string, now: Date) =>
  submitRecords(
    db,
    office,
    'incidents',
    [
      {
        externalId: `INC-UY-${day.slice(0, 4)}`,
        unitCode,
        domain: 'ai',
        dimension: 'data',
        tier: 2,
        occurredAt: `${day}T10:00:00+08:00`,
        reportedAt: `${day}T10:30:00+08:00`,
      },
    ],
    { now, source: 'api' },
  );

it('a 2022 record loaded today gives 2022 stored final ratings at once, whole, as a recomputation now would', async () => {
  expect(await ensureYearRatings(db, 2022, at(1))).toBeNull();
  await loadTierII('SH01', '2022-04-05', at(1));
  await ratingsFollowWrites(db, at(2));
  expect(await ensureYearRatings(db, 2022, at(2))).toBe('final');
  const stored = await finals(2022);
  expect(stored.map((r) => r.unitCode)).toEqual(['BJ01', 'BJ02', 'SH01']);
  expect(stored.find((r) => r.instituteId === org.SH01)!.contributions.some((c) => c.recordExternalId === 'INC-UY-2022')).toBe(true);
  await expectAsFromScratch(2022, at(2));
  // From then on it follows writes like any stored year.
  expect((await table(2022, at(2))).status).toBe('final');
});

it('a year without any record stays unrated and every read says "not rated yet", never zeros', async () => {
  await refreshProvisionalRatings(db, at(3));
  const years = await storedYears(db);
  for (const year of [2000, 2021, 2023, 2024]) expect(years.has(year), String(year)).toBe(false);
  expect(await ensureYearRatings(db, 2021, at(3))).toBeNull();
  const view = await table(2021, at(3));
  expect(view).toMatchObject({ year: 2021, status: null, rateable: false, all: [], rows: [] });
  expect(await ratingsForApi(db, office, { year: 2021, limit: 100 }, at(3))).toEqual({ data: [], nextCursor: null });
  expect(await buildWarningNotice(db, ALL_UNITS, 2021, 'en', at(3))).toBeNull();
});

it('the daily job rates a past year that holds records no event saw, and no year without records', async () => {
  // Committed without its event (a crash before re-rating, or history inserted by a tool).
  await insertDataset(db, {
    hazards: [
      buildHazard({ unitId: org.BJ02, instituteId: org.BJ02, externalId: 'HZ-UY-2023', foundAt: new Date('2023-08-01T09:00:00+08:00') }),
    ],
  });
  expect(await ensureYearRatings(db, 2023, at(4))).toBeNull();
  expect(await refreshProvisionalRatings(db, at(4))).toBe(true);
  expect(await ensureYearRatings(db, 2023, at(4))).toBe('final');
  expect((await finals(2023)).map((r) => r.unitCode)).toEqual(['BJ01', 'BJ02', 'SH01']);
  await expectAsFromScratch(2023, at(4));
  expect(await ensureYearRatings(db, 2021, at(4))).toBeNull();
  expect(await refreshProvisionalRatings(db, at(5))).toBe(false);
});

it('the office rates an unrated year that holds records from the ratings page, audited', async () => {
  await insertDataset(db, {
    incidents: [
      buildIncident({
        unitId: org.BJ01,
        instituteId: org.BJ01,
        externalId: 'INC-UY-2020',
        tier: 2,
        occurredAt: new Date('2020-02-02T10:00:00+08:00'),
      }),
    ],
  });
  const before = await table(2020, at(6));
  expect(before).toMatchObject({ status: null, rateable: true, all: [] });
  const { rated } = await recomputeYear(db, office, 2020, at(6));
  expect(rated).toBe(3);
  const after = await table(2020, at(7));
  expect(after.status).toBe('final');
  expect(after.all.find((r) => r.instituteId === org.BJ01)!.level).toBe('red');
  const audited = await db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, 'ratings.recompute'), eq(auditLog.entityId, 2020)));
  expect(audited).toHaveLength(1);
});

it('the office cannot rate a year without any record, even by posting the recompute directly', async () => {
  // The page hides the button; the feature refuses too, with the field and the reason, and stores nothing.
  await expect(recomputeYear(db, office, 2021, at(8))).rejects.toMatchObject({ field: 'year', key: 'validation.noRecordsInYear' });
  expect((await storedYears(db)).has(2021)).toBe(false);
});

it('a history load on a server goes to the job thread, which rates the year whole', async () => {
  const handed: Date[] = [];
  setProvisionalRefresher(async (now) => {
    handed.push(now);
    await refreshProvisionalRatings(db, now);
  });
  try {
    await loadTierII('BJ02', '2019-07-05', at(8));
    await ratingsFollowWrites(db, at(9));
    expect(handed).toEqual([at(9)]);
    // The write path was not held: the job thread rates it.
    await handedOver();
    expect(await ensureYearRatings(db, 2019, at(9))).toBe('final');
    expect((await finals(2019)).find((r) => r.instituteId === org.BJ02)!.level).toBe('red');
  } finally {
    setProvisionalRefresher(null);
  }
});
