import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Db } from '@/db/tx';
import type { Actor } from '@/domain/auth/actor';
import { ALL_UNITS } from '@/domain/auth/actor';
import { ratingTableRows } from '@/db/rating/ratings';
import { createApiToken } from '@/features/auth/api-tokens';
import { resolveActor } from '@/features/auth/resolve-actor';
import { submitRecords } from '@/features/records/submit';
import { refreshProvisionalRatings } from '@/features/rating/refresh';
import { ratingsFollowWrites } from '@/features/rating/follow-writes';
import { publishedDrift } from '@/features/rating/published-drift';
import { countsFingerprint, levelCounts, publishYear } from '@/features/rating/year-ratings';
import { createTestDb } from '../setup/test-db';
import { addUser, org, seedSmallOrg } from '../setup/small-org';

// Review of issue 15: a write to a past year commits, and before its "records changed" event has stored the
// re-rating, the office publishes that year. The published copy lacks the write; it must be flagged as
// "would differ now" (RATING.md §6), not marked as equal to its recomputation for ever.
let db: Db;
let close: () => void;
let office: Actor;
const now = new Date('2026-06-01T12:00:00+08:00');
beforeAll(async () => {
  ({ db, close } = await createTestDb());
  await seedSmallOrg(db);
  office = (await resolveActor(db, {
    bearerToken: (await createApiToken(db, await addUser(db, 'pp.office', 'office', 'HX'), 't')).token,
  }))!;
  // The start-up catch-up: 2025's final ratings, this year's provisional ones.
  await refreshProvisionalRatings(db, now);
});
afterAll(() => close());

it('a year published between a write and its re-rating flags the institute the write would change', async () => {
  // Committed, its event not run yet (it is running, or was handed to the job thread).
  await submitRecords(
    db,
    office,
    'incidents',
    [
      {
        externalId: 'INC-PP-2025',
        unitCode: 'SH01',
        domain: 'ai',
        dimension: 'data',
        tier: 2,
        occurredAt: '2025-11-03T10:00:00+08:00',
        reportedAt: '2025-11-03T10:30:00+08:00',
      },
    ],
    { now, source: 'api' },
  );
  const expected = countsFingerprint(levelCounts(await ratingTableRows(db, ALL_UNITS, 2025, 'final')));
  await publishYear(db, office, 2025, expected, now);
  // The event then runs: 2025 is published and stays frozen, and its drift flags see the write.
  await ratingsFollowWrites(db, now);
  expect(await publishedDrift(db, 2025)).toEqual(new Set([org.SH01]));
});
