import type { Db } from '@/db/client';
import { latestChanges } from '@/db/changes/latest-changes';
import { clockTick } from '@/features/dashboards/memo';

/**
 * What a kept page is valid for: what the dashboards' aggregates are versioned by (decision 020), the
 * newest alert too (the overview lists the latest), and the minute (overdue moves with the clock).
 */
export async function pageVersion(db: Db, now: Date): Promise<string> {
  const c = await latestChanges(db);
  return `${c.changed}|${c.audit}|${c.rating}|${c.alert}|${clockTick(now, 'minute')}`;
}
