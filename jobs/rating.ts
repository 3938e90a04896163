import type { Db } from '@/db/client';
import { computeAndStoreRatings, refreshProvisionalRatings } from '@/features/rating/refresh';
import { shanghaiDate, shanghaiYear } from '@/domain/time/shanghai';
import { runClaimed } from './run-claimed';

/**
 * Once a year: the final ratings of the previous year, on 10 January at 02:00 Asia/Shanghai (RATING.md §6).
 * The claim on (annual-rating, Y) makes it once per year across restarts and processes; at start-up it
 * runs if that moment has passed and the year is not yet claimed.
 */
export async function annualRating(db: Db, now = new Date()) {
  const year = shanghaiYear(now) - 1;
  if (now < shanghaiDate(year + 1, 1, 10, 2)) return 'skipped';
  return runClaimed(db, 'annual-rating', String(year), () => {
    computeAndStoreRatings(db, year, now);
  });
}

/** Daily (and at start): this year's provisional ratings, recomputed if records changed. */
export async function provisionalRating(db: Db, now = new Date()) {
  refreshProvisionalRatings(db, now);
  return 'ran';
}
