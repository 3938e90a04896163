import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/tx';
import { rawGet } from '@/db/engine';
import { jobRuns } from '@/db/schema';
import { storedRatings } from '@/db/rating/ratings';
import { publishRatings } from '@/db/rating/rating-publish';
import { activeRatingRuleSet } from '@/db/rule-sets/rating-rule-sets';
import { ALL_UNITS } from '@/domain/auth/actor';
import { submitRecords } from '@/features/records/submit';
import { resolveActor } from '@/features/auth/resolve-actor';
import { createApiToken } from '@/features/auth/api-tokens';
import { activateRatingRuleSet, copyRatingRuleSet } from '@/features/rule-sets/service';
import { ratingsFollowWrites } from '@/features/rating/follow-writes';
import { annualRating, provisionalRating, provisionalRatingJob } from '@/jobs/rating';
import { refreshProvisionalRatings } from '@/features/rating/refresh';
import { createTestDb } from '../setup/test-db';
import { addUser, org, seedSmallOrg } from '../setup/small-org';

let db: Db;
let close: () => void;
beforeAll(async () => {
  ({ db, close } = await createTestDb());
  await seedSmallOrg(db);
});
afterAll(() => close());

type Status = 'final' | 'provisional' | 'published';
const countRatings = async (status: Status, year: number) => (await storedRatings(db, ALL_UNITS, year, status)).length;
const versions = async (status: Status, year: number) =>
  new Set((await storedRatings(db, ALL_UNITS, year, status)).map((r) => r.ruleSetVersion));
const office = async () => {
  const row = await rawGet<{ id: number }>(db, sql`SELECT id FROM users WHERE login = 'rj.office'`);
  return row!.id;
};

describe('rating jobs', () => {
  it('computes the final ratings of the previous year once, from 10 January 02:00 Shanghai, across restarts', async () => {
    expect(await annualRating(db, new Date('2026-01-10T01:59:59+08:00'))).toBe('skipped');
    expect(await countRatings('final', 2025)).toBe(0);
    expect(await annualRating(db, new Date('2026-01-10T02:00:00+08:00'))).toBe('ran');
    const first = await storedRatings(db, ALL_UNITS, 2025, 'final');
    expect(first.map((r) => r.unitCode)).toEqual(['BJ01', 'BJ02', 'SH01']);
    expect(first.every((r) => r.asOf.toISOString() === '2025-12-31T16:00:00.000Z')).toBe(true);
    // A restart later that month, or a second process, does not run it again.
    expect(await annualRating(db, new Date('2026-01-20T08:00:00+08:00'))).toBe('skipped');
    expect(await db.select().from(jobRuns).where(eq(jobRuns.job, 'annual-rating'))).toHaveLength(1);
    expect((await storedRatings(db, ALL_UNITS, 2025, 'final')).map((r) => r.id)).toEqual(first.map((r) => r.id));
  });

  it('recomputes provisional ratings when records change, and not otherwise', async () => {
    const now = new Date('2026-06-01T12:00:00+08:00');
    await provisionalRating(db, now);
    const before = await storedRatings(db, ALL_UNITS, 2026, 'provisional');
    expect(before.length).toBe(3);
    expect(await refreshProvisionalRatings(db, new Date(now.getTime() + 60_000))).toBe(false);

    const token = await createApiToken(db, await addUser(db, 'rj.office', 'office', 'HX'), 't');
    const actor = (await resolveActor(db, { bearerToken: token.token }))!;
    const later = new Date(now.getTime() + 120_000);
    await submitRecords(
      db,
      actor,
      'incidents',
      [
        {
          externalId: 'INC-RJ-1',
          unitCode: 'SH01',
          domain: 'ai',
          dimension: 'data',
          tier: 2,
          occurredAt: '2026-05-30T10:00:00+08:00',
          reportedAt: '2026-05-30T10:30:00+08:00',
        },
      ],
      { now: later, source: 'api' },
    );
    await ratingsFollowWrites(db, new Date(later.getTime() + 1000));
    const sh = (await storedRatings(db, ALL_UNITS, 2026, 'provisional')).find((r) => r.instituteId === org.SH01)!;
    expect(sh.level).toBe('red');
    expect(sh.contributions.some((c) => c.recordExternalId === 'INC-RJ-1' && c.rule === 'incident.tier2')).toBe(true);
    expect(sh.id).not.toBe(before.find((r) => r.instituteId === org.SH01)!.id);
    expect(await refreshProvisionalRatings(db, new Date(later.getTime() + 2000))).toBe(false);
  });

  it('runs daily at 00:00 Beijing time and then rates every institute again for the new day', async () => {
    expect(provisionalRatingJob.schedule).toBe('0 0 * * *');
    expect(provisionalRatingJob.period(new Date('2026-06-01T23:59:59+08:00'))).toBe('2026-06-01');
    expect(provisionalRatingJob.period(new Date('2026-06-02T00:00:00+08:00'))).toBe('2026-06-02');
    const before = new Map((await storedRatings(db, ALL_UNITS, 2026, 'provisional')).map((r) => [r.instituteId, r.id]));
    expect(await provisionalRating(db, new Date('2026-06-02T00:00:00+08:00'))).toBe('ran');
    const after = await storedRatings(db, ALL_UNITS, 2026, 'provisional');
    expect(after).toHaveLength(3);
    for (const r of after) expect(r.id, r.unitCode).not.toBe(before.get(r.instituteId));
    // The same day again (a restart): nothing to rate.
    expect(await refreshProvisionalRatings(db, new Date('2026-06-02T08:00:00+08:00'))).toBe(false);
  });

  it('a new rule-set version re-rates every year that is not published', async () => {
    const now = new Date('2026-06-02T09:00:00+08:00');
    const actor = (await resolveActor(db, { bearerToken: (await createApiToken(db, await office(), 'rs')).token }))!;
    await copyRatingRuleSet(db, actor, (await activeRatingRuleSet(db)).version, 'rj-v2', now);
    await activateRatingRuleSet(db, actor, 'rj-v2', now);
    await ratingsFollowWrites(db, now);
    expect(await versions('provisional', 2026)).toEqual(new Set(['rj-v2']));
    expect(await versions('final', 2025)).toEqual(new Set(['rj-v2']));
  });

  it('publishing freezes a copy and proposes red units for the warning list', async () => {
    const userId = await office();
    const result = await publishRatings(db, 2025, userId, new Date('2026-02-01T09:00:00+08:00'));
    expect(result.published).toBe(3);
    expect((await publishRatings(db, 2025, userId, new Date())).published).toBe(0);
    const published = await storedRatings(db, ALL_UNITS, 2025, 'published');
    expect(published.map((r) => [r.unitCode, r.level, r.points])).toEqual(
      (await storedRatings(db, ALL_UNITS, 2025, 'final')).map((r) => [r.unitCode, r.level, r.points]),
    );
    const reds = published.filter((r) => r.level === 'red').length;
    expect(result.proposed).toBe(reds);
  });

  it('a published year keeps its version when another is activated; this year follows', async () => {
    const now = new Date('2026-06-02T10:00:00+08:00');
    const actor = (await resolveActor(db, { bearerToken: (await createApiToken(db, await office(), 'rs2')).token }))!;
    await activateRatingRuleSet(db, actor, 'cas-2019-v1', now);
    await ratingsFollowWrites(db, now);
    expect(await versions('provisional', 2026)).toEqual(new Set(['cas-2019-v1']));
    expect(await versions('published', 2025)).toEqual(new Set(['rj-v2']));
    expect(await versions('final', 2025)).toEqual(new Set(['rj-v2']));
  });
});
