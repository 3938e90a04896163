import type { Db } from '@/db/client';
import { computeAndStoreRatings, refreshProvisionalRatings } from '@/features/rating/refresh';
import { formatDate, shanghaiDate, shanghaiYear } from '@/domain/time/shanghai';
import { runJob, type Job } from './runner';

/**
 * Once a year: the final ratings of the previous year, on 10 January at 02:00 Asia/Shanghai (RATING.md §6).
 * The claim on (annual-rating, Y) makes it once per year across restarts and processes; at start-up it
 * runs if that moment has passed and the year is not yet claimed.
 */
export const annualRatingJob: Job = {
  name: 'annual-rating',
  schedule: '0 2 10 1 *',
  claim: 'period',
  period(now) {
    const year = shanghaiYear(now) - 1;
    return now < shanghaiDate(year + 1, 1, 10, 2) ? null : String(year);
  },
  run: (db, year, now) => computeAndStoreRatings(db, Number(year), now),
};

/** Daily (and at start): this year's provisional ratings, recomputed if records changed (its mark decides). */
export const provisionalRatingJob: Job = {
  name: 'provisional-rating',
  schedule: '30 1 * * *',
  claim: 'none',
  period: (now) => formatDate(now),
  run: (db, _day, now) => refreshProvisionalRatings(db, now),
};

export const annualRating = (db: Db, now = new Date()) => runJob(db, annualRatingJob, now);
export const provisionalRating = (db: Db, now = new Date()) => runJob(db, provisionalRatingJob, now);
