import { sql } from 'drizzle-orm';
import type { Queryable } from '../tx';
import { rawGet } from '../engine';
import { RECORDS_CHANGED_SETTING } from '@/db/settings';

export interface LatestChanges {
  /** records_changed_at: set by every write to records. */
  changed: string;
  /** The newest audit entry: two audited writes can share records_changed_at's millisecond. */
  audit: number;
  rating: number;
  alert: number;
}

/**
 * The marks that move with every change the dashboards and kept pages depend on (decisions 020, 021).
 * Asked by every dashboard view and every request for a kept page, so one statement, whose text never
 * changes: the engine's statement cache prepares it once per connection.
 */
export async function latestChanges(q: Queryable): Promise<LatestChanges> {
  const v = await rawGet<{ changed: string | null; rating: number | null; alert: number | null; audit: number | null }>(
    q,
    sql`SELECT (SELECT value FROM settings WHERE key = ${RECORDS_CHANGED_SETTING}) AS changed, (SELECT max(id) FROM ratings) AS rating,
               (SELECT max(id) FROM alerts) AS alert, (SELECT max(id) FROM audit_log) AS audit`,
  );
  return { changed: v?.changed ?? '0', audit: v?.audit ?? 0, rating: v?.rating ?? 0, alert: v?.alert ?? 0 };
}
