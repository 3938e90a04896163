import type { Db } from '@/db/client';
import { activeRatingRuleSet } from '@/db/rule-sets/rating-rule-sets';
import { liveRatingToApi } from '@/features/rating/api-shape';
import { rateInstitutes } from '@/features/rating/rate-institutes';

/** The instant the copy and backup tests build and rate the demo at: every comparison is exact. */
export const RATINGS_AS_OF = new Date('2026-09-30T12:00:00+08:00');

/** What the API would answer for the ratings of 2026 at RATINGS_AS_OF, as plain JSON values. */
export async function ratingsOf(db: Db): Promise<unknown> {
  const rated = await rateInstitutes(db, await activeRatingRuleSet(db), 2026, { asOf: RATINGS_AS_OF });
  return JSON.parse(JSON.stringify(rated.map((r) => liveRatingToApi(r, 'provisional')))) as unknown;
}
