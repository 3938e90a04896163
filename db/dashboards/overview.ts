import { and, count, eq, gte, isNull, lt, max, ne, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client';
import { alerts, hazards, incidents } from '../schema';
import { levels, type Level } from '@/domain/reference/level-codes';
import type { Scope } from '@/domain/auth/actor';
import { andInScope, inScope } from '../scope';
import { effectiveTierSql } from '@/db/records/effective-tier-sql';
import { activeRatingRuleSet } from '@/db/rule-sets/rating-rule-sets';
import { recordKinds, recordKindCodes, type RecordKind } from '@/db/records/record-kinds';

/** How many records of each kind the caller can see. */
export function countRecordsByKind(db: Db, scope: Scope): Record<RecordKind, number> {
  const out = {} as Record<RecordKind, number>;
  for (const kind of recordKindCodes) {
    const t = recordKinds[kind].table;
    out[kind] = db.select({ n: count() }).from(t).where(inScope(t.unitId, scope)).get()?.n ?? 0;
  }
  return out;
}

export interface IncidentCell {
  domain: string;
  tier: number;
  n: number;
}

/** Incidents that occurred in [from, to), by domain and effective tier (as the rating counts them); withdrawn ones excluded. */
export function incidentsByDomainAndTier(db: Db, scope: Scope, from: Date, to: Date): IncidentCell[] {
  const tier = effectiveTierSql(activeRatingRuleSet(db));
  return db
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
    .groupBy(incidents.domain, tier)
    .all();
}

export interface HazardStatus {
  open: number;
  overdue: number;
  majorOverdue: number;
}

/** Hazards not yet rectified, and those of them past their due date at `now`. */
export function hazardStatus(db: Db, scope: Scope, now: Date): HazardStatus {
  const row = db
    .select({
      open: count(),
      overdue: sql<number>`coalesce(sum(case when ${hazards.dueAt} < ${now.getTime()} then 1 else 0 end), 0)`,
      majorOverdue: sql<number>`coalesce(sum(case when ${hazards.dueAt} < ${now.getTime()} and ${hazards.severity} = 'major' then 1 else 0 end), 0)`,
    })
    .from(hazards)
    .where(and(inScope(hazards.unitId, scope), isNull(hazards.rectifiedAt), eq(hazards.status, 'open')))
    .get();
  return { open: row?.open ?? 0, overdue: Number(row?.overdue ?? 0), majorOverdue: Number(row?.majorOverdue ?? 0) };
}

/** Hazards found in [from, to), by severity; withdrawn ones excluded. */
export function hazardsBySeverity(db: Db, scope: Scope, from: Date, to: Date): { general: number; major: number } {
  const rows = db
    .select({ severity: hazards.severity, n: count() })
    .from(hazards)
    .where(and(inScope(hazards.unitId, scope), gte(hazards.foundAt, from), lt(hazards.foundAt, to), ne(hazards.status, 'withdrawn')))
    .groupBy(hazards.severity)
    .all();
  return { general: rows.find((r) => r.severity === 'general')?.n ?? 0, major: rows.find((r) => r.severity === 'major')?.n ?? 0 };
}

/** How many institutes in scope stand at each level in a year's stored ratings of one status. */
export function levelDistribution(db: Db, scope: Scope, year: number, status: string): Record<Level, number> {
  // One raw statement: read on every overview, so no builder per view (bench/dashboards.ts).
  const rows = db.all<{ level: Level; n: number }>(
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
export function levelRises(db: Db, scope: Scope, year: number, status: string, lastStatus: string): LevelRise[] {
  const rank = (level: SQL) => sql`CASE ${level} WHEN 'blue' THEN 0 WHEN 'yellow' THEN 1 WHEN 'orange' THEN 2 ELSE 3 END`;
  return db.all<LevelRise>(
    sql`SELECT u.code, u.name, u.name_en AS nameEn, last.level AS "from", now.level AS "to", now.points
        FROM ratings now JOIN ratings last ON last.institute_id = now.institute_id AND last.year = ${year - 1} AND last.status = ${lastStatus}
        JOIN units u ON u.id = now.institute_id
        WHERE now.year = ${year} AND now.status = ${status} AND ${rank(sql`now.level`)} > ${rank(sql`last.level`)}${andInScope(sql`now.institute_id`, scope)}
        ORDER BY ${rank(sql`now.level`)} DESC, now.points DESC, u.code`,
  );
}

/** The newest alert's id (0 for none): alerts are stored by jobs outside the audited write path, so a memo keys on it. */
export function newestAlertId(db: Db): number {
  return (
    db
      .select({ id: max(alerts.id) })
      .from(alerts)
      .get()?.id ?? 0
  );
}
