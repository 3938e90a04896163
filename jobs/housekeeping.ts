import type { Db } from '@/db/client';
import { purgeExpired } from '@/db/queries/housekeeping';
import { DAY_MS, formatDate } from '@/domain/time/shanghai';
import { runClaimed } from './run-claimed';
import { purgeStaged } from '@/features/import/staging';

/** Daily: drop ended sessions and login attempts older than a day (the throttle looks back 15 minutes). */
export function housekeeping(db: Db, now = new Date()) {
  return runClaimed(db, 'housekeeping', formatDate(now), () => {
    purgeExpired(db, now, new Date(now.getTime() - DAY_MS));
    purgeStaged(now.getTime());
  });
}
