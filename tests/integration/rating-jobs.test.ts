import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { jobRuns } from '@/db/schema';
import { storedRatings } from '@/db/rating/ratings';
import { publishRatings } from '@/db/rating/rating-publish';
import { ALL_UNITS } from '@/domain/auth/actor';
import { submitRecords } from '@/features/records/submit';
import { resolveActor } from '@/features/auth/resolve-actor';
import { createApiToken } from '@/features/auth/api-tokens';
import { annualRating, provisionalRating } from '@/jobs/rating';
import { refreshProvisionalRatings } from '@/features/rating/refresh';
import { createTestDb } from '../setup/test-db';
import { addUser, org, seedSmallOrg } from '../setup/small-org';

let db: Db;
let close: () => void;
beforeAll(async () => {
  ({ db, close } = createTestDb());
  await seedSmallOrg(db);
});
afterAll(() => close());

const countRatings = (status: 'final' | 'provisional' | 'published', year: number) => storedRatings(db, ALL_UNITS, year, status).length;

describe('rating jobs', () => {
  it('computes the final ratings of the previous year once, from 10 January 02:00 Shanghai, across restarts', async () => {
    expect(await annualRating(db, new Date('2026-01-10T01:59:59+08:00'))).toBe('skipped');
    expect(countRatings('final', 2025)).toBe(0);
    expect(await annualRating(db, new Date('2026-01-10T02:00:00+08:00'))).toBe('ran');
    const first = storedRatings(db, ALL_UNITS, 2025, 'final');
    expect(first.map((r) => r.unitCode)).toEqual(['BJ01', 'BJ02', 'SH01']);
    expect(first.every((r) => r.asOf.toISOString() === '2025-12-31T16:00:00.000Z')).toBe(true);
    // A restart later that month, or a second process, does not run it again.
    expect(await annualRating(db, new Date('2026-01-20T08:00:00+08:00'))).toBe('skipped');
    expect(db.select().from(jobRuns).where(eq(jobRuns.job, 'annual-rating')).all()).toHaveLength(1);
    expect(storedRatings(db, ALL_UNITS, 2025, 'final').map((r) => r.id)).toEqual(first.map((r) => r.id));
  });

  it('recomputes provisional ratings when records change, and not otherwise', async () => {
    const now = new Date('2026-06-01T12:00:00+08:00');
    await provisionalRating(db, now);
    const before = storedRatings(db, ALL_UNITS, 2026, 'provisional');
    expect(before.length).toBe(3);
    expect(refreshProvisionalRatings(db, new Date(now.getTime() + 60_000))).toBe(false);

    const actor = resolveActor(db, { bearerToken: createApiToken(db, await addUser(db, 'rj.office', 'office', 'HX'), 't').token })!;
    const later = new Date(now.getTime() + 120_000);
    submitRecords(
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
    expect(refreshProvisionalRatings(db, new Date(later.getTime() + 1000))).toBe(true);
    const sh = storedRatings(db, ALL_UNITS, 2026, 'provisional').find((r) => r.instituteId === org.SH01)!;
    expect(sh.level).toBe('red');
    expect(sh.contributions.some((c) => c.recordExternalId === 'INC-RJ-1' && c.rule === 'incident.tier2')).toBe(true);
  });

  it('publishing freezes a copy and proposes red units for the warning list', () => {
    const userId = db.$client.prepare("SELECT id FROM users WHERE login = 'rj.office'").get() as { id: number };
    const result = publishRatings(db, 2025, userId.id, new Date('2026-02-01T09:00:00+08:00'));
    expect(result.published).toBe(3);
    expect(publishRatings(db, 2025, userId.id, new Date()).published).toBe(0);
    const published = storedRatings(db, ALL_UNITS, 2025, 'published');
    expect(published.map((r) => [r.unitCode, r.level, r.points])).toEqual(
      storedRatings(db, ALL_UNITS, 2025, 'final').map((r) => [r.unitCode, r.level, r.points]),
    );
    const reds = published.filter((r) => r.level === 'red').length;
    expect(result.proposed).toBe(reds);
  });
});
