import { sql } from 'drizzle-orm';
import { rawAll, rawGet } from '@/db/engine';
import type { Queryable } from '@/db/tx';
import { yearStart } from '@/domain/time/shanghai';
import { unindexed, yearOf } from '@/db/sql/dialect';

// Which years hold records that a year's rating reads (decision 045, history loaded today): a past year
// with such records and nothing stored is rated whole, a year without any is not (no data is not "safe":
// it must not show blue institutes). A record counts in the year of its own date as the rating looks at
// it: an incident's occurrence, a hazard's finding, a project's start (an assessment: its project's), a
// committee's establishment, an activity's approval, and an annual report in the year after the one it is
// on (the year it falls due in). Years are Beijing years: +8 h, no daylight saving since 1991.

/** The Beijing year of one of this file's fixed instant columns. */
const yearIn = (q: Queryable, column: string) => yearOf(q, sql.raw(column));

/**
 * The years of the records named by the audit entries after `afterId` up to `throughId` (the writes the
 * "records changed" event is following): one range of the audit log's primary key, each record found by
 * its own primary key, so the cost grows with the entries written, never with the record tables.
 */
export async function yearsOfAuditedRecords(q: Queryable, afterId: number, throughId: number): Promise<number[]> {
  if (throughId <= afterId) return [];
  // The kind not through the (kind, entity) index, which would read every entry of the kind ever written.
  const entries = (kind: string) => sql`${unindexed(q, sql`a.entity_kind`)} = ${kind} AND a.id > ${afterId} AND a.id <= ${throughId}`;
  const rows = await rawAll<{ year: number | null }>(
    q,
    sql`SELECT ${yearIn(q, 'r.occurred_at')} AS year FROM audit_log a JOIN incidents r ON r.id = a.entity_id WHERE ${entries('incidents')}
        UNION SELECT ${yearIn(q, 'r.found_at')} FROM audit_log a JOIN hazards r ON r.id = a.entity_id WHERE ${entries('hazards')}
        UNION SELECT ${yearIn(q, 'r.started_at')} FROM audit_log a JOIN projects r ON r.id = a.entity_id WHERE ${entries('projects')}
        UNION SELECT ${yearIn(q, 'p.started_at')} FROM audit_log a JOIN assessments r ON r.id = a.entity_id
              JOIN projects p ON p.id = r.project_id WHERE ${entries('assessments')}
        UNION SELECT ${yearIn(q, 'r.established_at')} FROM audit_log a JOIN ethics_committees r ON r.id = a.entity_id
              WHERE ${entries('ethics-committees')}
        UNION SELECT ${yearIn(q, 'r.approved_at')} FROM audit_log a JOIN ethics_activities r ON r.id = a.entity_id
              WHERE ${entries('ethics-activities')}
        UNION SELECT r.year + 1 FROM audit_log a JOIN ethics_annual_reports r ON r.id = a.entity_id WHERE ${entries('ethics-annual-reports')}`,
  );
  return rows.flatMap((r) => (r.year === null ? [] : [r.year]));
}

/**
 * Which of `candidates` hold records (the daily job's catch-up). The three large tables are asked one
 * index seek per year (the first record at or after the year's start, on their date-leading indexes); the
 * ethics tables (a few rows per institute) are read once each.
 */
export async function yearsWithRecords(q: Queryable, candidates: readonly number[]): Promise<Set<number>> {
  const found = new Set<number>();
  if (candidates.length === 0) return found;
  const wanted = new Set(candidates);
  for (const [table, column] of [
    ['incidents', 'occurred_at'],
    ['hazards', 'found_at'],
    ['projects', 'started_at'],
  ] as const) {
    for (const year of [...wanted]) {
      // Fixed table and column names from the list above.
      const row = await rawGet<{ one: number }>(
        q,
        sql`SELECT 1 AS one FROM ${sql.raw(table)} WHERE ${sql.raw(column)} >= ${yearStart(year).getTime()} AND ${sql.raw(column)} < ${yearStart(year + 1).getTime()} LIMIT 1`,
      );
      if (row) {
        found.add(year);
        wanted.delete(year);
      }
    }
  }
  if (wanted.size === 0) return found;
  const small = await rawAll<{ year: number }>(
    q,
    sql`SELECT DISTINCT ${yearIn(q, 'established_at')} AS year FROM ethics_committees
        UNION SELECT ${yearIn(q, 'approved_at')} FROM ethics_activities
        UNION SELECT year + 1 FROM ethics_annual_reports`,
  );
  for (const { year } of small) if (wanted.has(year)) found.add(year);
  return found;
}
