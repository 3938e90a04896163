import type { Statement } from 'better-sqlite3';
import type { Db } from '@/db/client';
import { RECORDS_CHANGED_SETTING } from '@/db/queries/settings';

// Asked on every request for a cached page, so one statement, prepared once per connection.
const statements = new WeakMap<Db, Statement>();

/**
 * What a cached page is valid for: every audited write (records_changed_at and the newest audit entry:
 * two writes can share a millisecond), the newest stored rating and the newest alert (the overview lists the latest), and the
 * minute (overdue moves with the clock), as the dashboards' aggregates are versioned (decision 020).
 */
export function pageVersion(db: Db, now: Date): string {
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
  return `${v.changed ?? 0}|${v.audit ?? 0}|${v.rating ?? 0}|${v.alert ?? 0}|${Math.floor(now.getTime() / 60_000)}`;
}
