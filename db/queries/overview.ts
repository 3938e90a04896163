import { and, count, eq, gte, isNull, lt, ne, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { hazards, incidents } from '../schema';
import { levels, type Level } from '@/domain/reference/level-codes';
import type { Scope } from '@/domain/auth/actor';
import { inScope } from '@/db/scope';
import { effectiveTierSql } from './effective-tier';
import { activeRatingRuleSet } from './rule-sets';
import { recordKinds, recordKindCodes, type RecordKind } from './record-kinds';

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
  // One prepared statement: read on every overview, so no query building per view (bench/dashboards.ts).
  const ids = scope.all ? [] : scope.unitIds;
  const within = scope.all ? '' : ids.length ? ` AND institute_id IN (${ids.map(() => '?').join(',')})` : ' AND 0 = 1';
  const rows = db.$client
    .prepare(`SELECT level, count(*) AS n FROM ratings WHERE year = ? AND status = ?${within} GROUP BY level`)
    .all(year, status, ...ids) as { level: Level; n: number }[];
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
  const rank = `CASE %s WHEN 'blue' THEN 0 WHEN 'yellow' THEN 1 WHEN 'orange' THEN 2 ELSE 3 END`;
  const sc = scope.all ? '' : scope.unitIds.length ? ` AND now.institute_id IN (${scope.unitIds.map(() => '?').join(',')})` : ' AND 0 = 1';
  return db.$client
    .prepare(
      `SELECT u.code, u.name, u.name_en AS nameEn, last.level AS "from", now.level AS "to", now.points
       FROM ratings now JOIN ratings last ON last.institute_id = now.institute_id AND last.year = ? AND last.status = ?
       JOIN units u ON u.id = now.institute_id
       WHERE now.year = ? AND now.status = ? AND ${rank.replace('%s', 'now.level')} > ${rank.replace('%s', 'last.level')}${sc}
       ORDER BY ${rank.replace('%s', 'now.level')} DESC, now.points DESC, u.code`,
    )
    .all(year - 1, lastStatus, year, status, ...(scope.all ? [] : scope.unitIds)) as LevelRise[];
}
