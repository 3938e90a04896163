import type { Statement } from 'better-sqlite3';
import type { Db } from '../client';
import { RECORDS_CHANGED_SETTING } from '@/db/settings';

export interface LatestChanges {
  /** records_changed_at: set by every write to records. */
  changed: string;
  /** The newest audit entry: two audited writes can share records_changed_at's millisecond. */
  audit: number;
  rating: number;
  alert: number;
}

// Asked by every dashboard view and every request for a kept page, so one statement, prepared once per
// connection.
const statements = new WeakMap<Db, Statement>();

/** The marks that move with every change the dashboards and kept pages depend on (decisions 020, 021). */
export function latestChanges(db: Db): LatestChanges {
  let statement = statements.get(db);
  if (!statement) {
    statement = db.$client.prepare(
      `SELECT (SELECT value FROM settings WHERE key = ?) AS changed, (SELECT max(id) FROM ratings) AS rating,
              (SELECT max(id) FROM alerts) AS alert, (SELECT max(id) FROM audit_log) AS audit`,
    );
    statements.set(db, statement);
  }
  const v = statement.get(RECORDS_CHANGED_SETTING) as {
    changed: string | null;
    rating: number | null;
    alert: number | null;
    audit: number | null;
  };
  return { changed: v.changed ?? '0', audit: v.audit ?? 0, rating: v.rating ?? 0, alert: v.alert ?? 0 };
}
