import type { Db } from '@/db/client';
import { latestChanges } from '@/db/changes/latest-changes';
import { clockTick } from '@/features/dashboards/memo';

/**
 * What a kept page is valid for: the data version the dashboards' aggregates are versioned by (decisions
 * 020, 047: records, ratings and alerts, written through any server), and the minute (overdue moves with
 * the clock).
 */
export async function pageVersion(db: Db, now: Date): Promise<string> {
  const c = await latestChanges(db);
  return `${c.version}|${clockTick(now, 'minute')}`;
}
