import type { Db } from '@/db/tx';
import { purgeExpired } from '@/db/jobs/housekeeping';
import { DAY_MS, formatDate } from '@/domain/time/shanghai';
import { purgeStaged } from '@/features/import/staging';
import { runJob, type Job } from './runner';

/**
 * Daily: drop ended sessions, login attempts older than a day (the throttle looks back 15 minutes) and
 * staged uploads never confirmed, expired a day after their preview.
 */
export const housekeepingJob: Job = {
  name: 'housekeeping',
  schedule: '15 3 * * *',
  claim: 'period',
  period: (now) => formatDate(now),
  async run(db, _day, now) {
    await purgeExpired(db, now, new Date(now.getTime() - DAY_MS));
    await purgeStaged(db, now);
  },
};

export const housekeeping = (db: Db, now = new Date()) => runJob(db, housekeepingJob, now);
