import { and, count, eq, gte, isNull, lt, max, ne, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../tx';
import { first, rawAll, rawValues } from '../engine';
import { alerts, hazards, incidents } from '../schema';
import { levels, type Level } from '@/domain/reference/level-codes';
import type { Scope } from '@/domain/auth/actor';
import { andInScope, inScope } from '../scope';
import { effectiveTierSql } from '@/db/records/effective-tier-sql';
import { selectedColumn } from '@/db/sql/dialect';
import { activeRatingRuleSet } from '@/db/rule-sets/rating-rule-sets';
import { recordKinds, recordKindCodes, type RecordKind } from '@/db/records/record-kinds';

/** Parameters one statement may bind: below SQLite's 32,766 (PostgreSQL allows 65,535). */
const MAX_PARAMETERS = 30_000;

/**
 * How many records of each kind the caller can see: a count per kind as scalar subqueries of one statement, so
 * the overview (which asks on every uncached view) pays one statement's building and, on PostgreSQL, one
 * round trip, not eight. Each subquery binds the scope's unit ids, so a scope of thousands of units puts
 * fewer kinds in a statement (at 30,000 units and more, one kind a statement, as before).
 */
export async function countRecordsByKind(q: Queryable, scope: Scope): Promise<Record<RecordKind, number>> {
  const idsEach = scope.all ? 0 : scope.unitIds.length;
  const kindsEach = Math.max(1, Math.floor(MAX_PARAMETERS / Math.max(1, idsEach)));
  const out = {} as Record<RecordKind, number>;
  for (let i = 0; i < recordKindCodes.length; i += kindsEach) {
    const kinds = recordKindCodes.slice(i, i + kindsEach);
    const counts = kinds.map((kind) => {
      const t = recordKinds[kind].table;
      const where = inScope(t.unitId, scope);
      return sql`(SELECT count(*) FROM ${t}${where ? sql` WHERE ${where}` : sql``})`;
    });
    const [row] = await rawValues<number[]>(q, sql`SELECT ${sql.join(counts, sql`, `)}`);
    kinds.forEach((kind, k) => (out[kind] = Number(row?.[k] ?? 0)));
  }
  return out;
}

export interface IncidentCell {
  domain: string;
  tier: number;
  n: number;
}

/** Incidents that occurred in [from, to), by domain and effective tier (as the rating counts them); withdrawn ones excluded. */
export async function incidentsByDomainAndTier(q: Queryable, scope: Scope, from: Date, to: Date): Promise<IncidentCell[]> {
  const tier = effectiveTierSql(await activeRatingRuleSet(q));
  return (
    q
      .select({ domain: incidents.domain, tier, n: count() })
      .from(incidents)
      .where(
        and(
          inScope(incidents.unitId, scope),
          gte(incidents.occurredAt, from),
          lt(incidents.occurredAt, to),
          ne(incidents.status, 'withdrawn'),
        ),
      )
      // The tier by position: its CASE holds the rule set's thresholds as bound values (db/sql/dialect.ts).
      .groupBy(incidents.domain, selectedColumn(2))
  );
}

export interface HazardStatus {
  open: number;
  overdue: number;
  majorOverdue: number;
}

/** Hazards not yet rectified, and those of them past their due date at `now`. */
export async function hazardStatus(q: Queryable, scope: Scope, now: Date): Promise<HazardStatus> {
  const row = first(
    await q
      .select({
        open: count(),
        overdue: sql<number>`coalesce(sum(case when ${hazards.dueAt} < ${now.getTime()} then 1 else 0 end), 0)`,
        majorOverdue: sql<number>`coalesce(sum(case when ${hazards.dueAt} < ${now.getTime()} and ${hazards.severity} = 'major' then 1 else 0 end), 0)`,
      })
      .from(hazards)
      .where(and(inScope(hazards.unitId, scope), isNull(hazards.rectifiedAt), eq(hazards.status, 'open'))),
  );
  return { open: row?.open ?? 0, overdue: Number(row?.overdue ?? 0), majorOverdue: Number(row?.majorOverdue ?? 0) };
}

/** Hazards found in [from, to), by severity; withdrawn ones excluded. */
export async function hazardsBySeverity(q: Queryable, scope: Scope, from: Date, to: Date): Promise<{ general: number; major: number }> {
  const rows = await q
    .select({ severity: hazards.severity, n: count() })
    .from(hazards)
    .where(and(inScope(hazards.unitId, scope), gte(hazards.foundAt, from), lt(hazards.foundAt, to), ne(hazards.status, 'withdrawn')))
    .groupBy(hazards.severity);
  return { general: rows.find((r) => r.severity === 'general')?.n ?? 0, major: rows.find((r) => r.severity === 'major')?.n ?? 0 };
}

/** How many institutes in scope stand at each level in a year's stored ratings of one status. */
export async function levelDistribution(q: Queryable, scope: Scope, year: number, status: string): Promise<Record<Level, number>> {
  // One raw statement: read on every overview, so no builder per view (bench/dashboards.ts).
  const rows = await rawAll<{ level: Level; n: number }>(
    q,
    sql`SELECT level, count(*) AS n FROM ratings WHERE year = ${year} AND status = ${status}${andInScope(sql`institute_id`, scope)} GROUP BY level`,
  );
  return Object.fromEntries(levels.map((l) => [l, rows.find((r) => r.level === l)?.n ?? 0])) as Record<Level, number>;
}

export interface LevelRise {
  code: string;
  name: string;
  nameEn: string | null;
  from: Level;
  to: Level;
  points: number;
}

/** Institutes whose level this year (one status) is worse than last year's (another status), worst first. */
export async function levelRises(q: Queryable, scope: Scope, year: number, status: string, lastStatus: string): Promise<LevelRise[]> {
  const rank = (level: SQL) => sql`CASE ${level} WHEN 'blue' THEN 0 WHEN 'yellow' THEN 1 WHEN 'orange' THEN 2 ELSE 3 END`;
  return rawAll<LevelRise>(
    q,
    sql`SELECT u.code, u.name, u.name_en AS "nameEn", last.level AS "from", now.level AS "to", now.points
        FROM ratings now JOIN ratings last ON last.institute_id = now.institute_id AND last.year = ${year - 1} AND last.status = ${lastStatus}
        JOIN units u ON u.id = now.institute_id
        WHERE now.year = ${year} AND now.status = ${status} AND ${rank(sql`now.level`)} > ${rank(sql`last.level`)}${andInScope(sql`now.institute_id`, scope)}
        ORDER BY ${rank(sql`now.level`)} DESC, now.points DESC, u.code`,
  );
}

/** The newest alert's id (0 for none): alerts are stored by jobs outside the audited write path, so a memo keys on it. */
export async function newestAlertId(q: Queryable): Promise<number> {
  return first(await q.select({ id: max(alerts.id) }).from(alerts))?.id ?? 0;
}
