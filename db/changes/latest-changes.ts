import { sql } from 'drizzle-orm';
import type { Queryable } from '../tx';
import { rawGet } from '../engine';
import { RECORDS_CHANGED_SETTING } from '@/db/settings';

export interface LatestChanges {
  /** The data version (data-version.ts): moved by every transaction that writes records, ratings or alerts. */
  version: number;
  /** records_changed_at: set by every audited write. */
  changed: string;
  /**
   * The newest audit entry, the mark the ratings' refresh follows: ids are allocated under the 'audit' lock,
   * held to the commit, so they are in commit order on PostgreSQL too (decision 047 row 1).
   */
  audit: number;
}

/**
 * The marks that move with every change the dashboards and kept pages depend on (decisions 020, 021, 047).
 * Asked by every dashboard view and every request for a kept page, so one statement, whose text never
 * changes: the engine's statement cache prepares it once per connection.
 */
export async function latestChanges(q: Queryable): Promise<LatestChanges> {
  const v = await rawGet<{ version: number | null; changed: string | null; audit: number | null }>(
    q,
    sql`SELECT (SELECT v FROM data_version WHERE id = 1) AS version, (SELECT value FROM settings WHERE key = ${RECORDS_CHANGED_SETTING}) AS changed,
               (SELECT max(id) FROM audit_log) AS audit`,
  );
  return { version: v?.version ?? 0, changed: v?.changed ?? '0', audit: v?.audit ?? 0 };
}
