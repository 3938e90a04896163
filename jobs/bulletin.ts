import { BULLETIN_JOB, catchUpBulletins } from '@/features/bulletins/due-bulletins';
import { latestDueMonth } from '@/domain/time/months';
import type { Job } from './runner';

/**
 * 08:00 on the 1st, Asia/Shanghai: last month's bulletin; at start, every month missed while the server was
 * down. Its period is the latest due month; each month it owes is claimed on its own as it is generated.
 */
export const bulletinJob: Job = {
  name: BULLETIN_JOB,
  schedule: '0 8 1 * *',
  claim: 'inside',
  period: latestDueMonth,
  run: (db, _due, now) => catchUpBulletins(db, now),
};
