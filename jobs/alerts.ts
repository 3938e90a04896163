import type { Db } from '@/db/tx';
import { runAlerts } from '@/features/alerts/run-alerts';
import { formatDate, HOUR_MS } from '@/domain/time/shanghai';
import { runJob, type Job } from './runner';

/** The daily run's hour, Asia/Shanghai (the job's schedule below says the same). */
export const ALERTS_HOUR = 6;

/**
 * The day whose run is due at `now`: today once 06:00 local has passed, else yesterday. A start at 03:00
 * catches up yesterday's run (if it was missed) rather than claiming today's before 06:00.
 */
export function alertsPeriod(now: Date): string {
  return formatDate(new Date(now.getTime() - ALERTS_HOUR * HOUR_MS));
}

/**
 * Daily at 06:00 Asia/Shanghai, and at start: claims (alerts, YYYY-MM-DD) and evaluates every alert rule as
 * of now. The rules are state-based, so a day missed while the server was down fires its alerts at the next
 * run; the unique index on alerts keeps each alert once even if two processes evaluate at once.
 */
export const alertsJob: Job = {
  name: 'alerts',
  schedule: `0 ${ALERTS_HOUR} * * *`,
  claim: 'period',
  period: alertsPeriod,
  async run(db, _day, now) {
    const r = await runAlerts(db, { now });
    if (r.stored) console.log(`[jobs] alerts: ${r.stored} new of ${r.candidates} evaluated`);
  },
};

export const dailyAlerts = (db: Db, now = new Date()) => runJob(db, alertsJob, now);
