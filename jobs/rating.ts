import type { Db } from '@/db/tx';
import { ratingsFollowWrites } from '@/features/rating/follow-writes';
import { computeAndStoreRatings, refreshProvisionalRatings } from '@/features/rating/refresh';
import { formatDate, shanghaiDate, shanghaiYear } from '@/domain/time/shanghai';
import { runJob, type Job } from './runner';
import { runAlone } from '@/db/sql/run-alone';

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
  run: async (db, year, now) => {
    await computeAndStoreRatings(db, Number(year), now);
    // What was written while the year was rated is after the mark it stored: rated now (decision 045).
    await ratingsFollowWrites(db, now);
  },
};

/**
 * Daily at 00:00 Asia/Shanghai (and at start): every institute of this year rated again for the new day
 * (rules that move with the clock: overdue, deadlines), the year just ended given its final ratings, every
 * past year that holds records and has nothing stored rated whole (history no write's event rated), and
 * whatever writes committed since the marks that their own re-rating did not reach (a crash between commit
 * and re-rate). Reads never rate (decision 045), so this is what keeps the clock's rules current.
 */
export const provisionalRatingJob: Job = {
  name: 'provisional-rating',
  schedule: '0 0 * * *',
  claim: 'none',
  period: (now) => formatDate(now),
  // Every server runs it at 00:00 and at start; one at a time, the others skip (decision 047 row 4): what a
  // run would have rated is after the marks the running one stores, for the next write's event or run.
  run: (db, _day, now) => runAlone(db, REFRESH_LOCK, () => refreshProvisionalRatings(db, now)),
};

/** The name of the provisional refresh job's lock (runAlone). */
export const REFRESH_LOCK = 'fenghuo:provisional-refresh';

export const annualRating = (db: Db, now = new Date()) => runJob(db, annualRatingJob, now);
export const provisionalRating = (db: Db, now = new Date()) => runJob(db, provisionalRatingJob, now);
