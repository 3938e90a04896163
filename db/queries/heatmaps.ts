import type { Db } from '../client';
import type { Scope } from '@/domain/auth/actor';
import type { Level } from '@/domain/reference/level-codes';

// The dashboards' aggregates, one SQL statement each, grouped by the unit a record was filed in (so that
// a caller limited to part of an institute is counted only its part). Withdrawn records never count.
// Raw SQL on purpose: these are the product's heaviest reads (issue 5's benchmark compares each with the
// same statement run bare), and the GROUP BY shapes are easier to check in SQL than through a builder.

export type CountedKind = 'incidents' | 'hazards' | 'assessments';

/** `unit_id IN (…)` for a limited scope (nothing for an empty one), nothing for the whole academy. */
function scopeClause(column: string, scope: Scope): { sql: string; params: number[] } {
  if (scope.all) return { sql: '', params: [] };
  if (scope.unitIds.length === 0) return { sql: ' AND 0 = 1', params: [] };
  return { sql: ` AND ${column} IN (${scope.unitIds.map(() => '?').join(',')})`, params: [...scope.unitIds] };
}

// Each kind's date column (the one its list filters on), domain and dimension. An assessment takes its
// project's domain and is dated by its submission, or by when it was entered while still a draft.
const source: Record<CountedKind, { from: string; when: string; domain: string }> = {
  incidents: { from: 'incidents r', when: 'r.occurred_at', domain: 'r.domain' },
  hazards: { from: 'hazards r', when: 'r.found_at', domain: 'r.domain' },
  assessments: {
    from: 'assessments r JOIN projects p ON p.id = r.project_id',
    when: 'coalesce(r.submitted_at, r.created_at)',
    domain: 'p.domain',
  },
};

export interface UnitDomainCount {
  unitId: number;
  domain: string;
  n: number;
}

/** Records of a kind dated in [from, to), per filing unit and domain. */
export function unitDomainCounts(db: Db, scope: Scope, kind: CountedKind, from: Date, to: Date): UnitDomainCount[] {
  const s = source[kind];
  const sc = scopeClause('r.unit_id', scope);
  return db.$client
    .prepare(
      `SELECT r.unit_id AS unitId, ${s.domain} AS domain, count(*) AS n FROM ${s.from}
       WHERE ${s.when} >= ? AND ${s.when} < ? AND r.status <> 'withdrawn'${sc.sql}
       GROUP BY r.unit_id, ${s.domain}`,
    )
    .all(from.getTime(), to.getTime(), ...sc.params) as UnitDomainCount[];
}

export interface DomainDimensionCount {
  domain: string;
  dimension: string;
  n: number;
}

/**
 * Records of a kind dated in [from, to) per domain and risk dimension, optionally of one unit's subtree.
 * For assessments: how many assessed that dimension (one row per assessment and dimension).
 */
export function domainDimensionCounts(
  db: Db,
  scope: Scope,
  kind: CountedKind,
  from: Date,
  to: Date,
  unitPath?: string,
): DomainDimensionCount[] {
  const s = source[kind];
  const sc = scopeClause('r.unit_id', scope);
  const dimension = kind === 'assessments' ? 'd.dimension' : 'r.dimension';
  const join = kind === 'assessments' ? ' JOIN assessment_dimensions d ON d.assessment_id = r.id' : '';
  const unit = unitPath ? ' AND r.unit_id IN (SELECT id FROM units WHERE path LIKE ?)' : '';
  return db.$client
    .prepare(
      `SELECT ${s.domain} AS domain, ${dimension} AS dimension, count(*) AS n FROM ${s.from}${join}
       WHERE ${s.when} >= ? AND ${s.when} < ? AND r.status <> 'withdrawn'${sc.sql}${unit}
       GROUP BY 1, 2`,
    )
    .all(from.getTime(), to.getTime(), ...sc.params, ...(unitPath ? [`${unitPath}%`] : [])) as DomainDimensionCount[];
}

export interface MatrixCount {
  likelihood: number;
  impact: number;
  n: number;
}

/**
 * The 5×5 matrix: per (likelihood, impact), how many assessments rated at least one dimension there.
 * An assessment counts once per cell, so a cell equals the list of assessments it opens.
 */
export function matrixCounts(
  db: Db,
  scope: Scope,
  from: Date,
  to: Date,
  filter: { domain?: string; stage?: string; unitPath?: string } = {},
): MatrixCount[] {
  const sc = scopeClause('r.unit_id', scope);
  const where: string[] = [];
  const params: (string | number)[] = [];
  const add = (clause: string, value: string) => {
    where.push(clause);
    params.push(value);
  };
  if (filter.domain) add(' AND p.domain = ?', filter.domain);
  if (filter.stage) add(' AND r.stage = ?', filter.stage);
  if (filter.unitPath) add(' AND r.unit_id IN (SELECT id FROM units WHERE path LIKE ?)', `${filter.unitPath}%`);
  return db.$client
    .prepare(
      `SELECT d.likelihood AS likelihood, d.impact AS impact, count(DISTINCT r.id) AS n
       FROM assessments r JOIN projects p ON p.id = r.project_id JOIN assessment_dimensions d ON d.assessment_id = r.id
       WHERE coalesce(r.submitted_at, r.created_at) >= ? AND coalesce(r.submitted_at, r.created_at) < ?
         AND r.status <> 'withdrawn'${sc.sql}${where.join('')}
       GROUP BY 1, 2`,
    )
    .all(from.getTime(), to.getTime(), ...sc.params, ...params) as MatrixCount[];
}

export interface MonthDomainCount {
  month: string;
  domain: string;
  n: number;
}

/** Records of a kind per Beijing-time calendar month ("2026-03") and domain, dated in [from, to). */
export function monthDomainCounts(
  db: Db,
  scope: Scope,
  kind: 'incidents' | 'hazards',
  from: Date,
  to: Date,
  unitPath?: string,
): MonthDomainCount[] {
  const s = source[kind];
  const sc = scopeClause('r.unit_id', scope);
  const unit = unitPath ? ' AND r.unit_id IN (SELECT id FROM units WHERE path LIKE ?)' : '';
  // Asia/Shanghai has kept UTC+8 without daylight saving since 1991, so a fixed shift gives its months.
  return db.$client
    .prepare(
      `SELECT strftime('%Y-%m', ${s.when} / 1000 + 28800, 'unixepoch') AS month, ${s.domain} AS domain, count(*) AS n
       FROM ${s.from}
       WHERE ${s.when} >= ? AND ${s.when} < ? AND r.status <> 'withdrawn'${sc.sql}${unit}
       GROUP BY 1, 2`,
    )
    .all(from.getTime(), to.getTime(), ...sc.params, ...(unitPath ? [`${unitPath}%`] : [])) as MonthDomainCount[];
}

export interface InstituteDomainPoints {
  instituteId: number;
  domain: string;
  points: number;
}

/**
 * Rating points per institute and domain: the contributions of the stored ratings of a year and status,
 * each credited to the domain of the record behind it (incidents, hazards, projects). Contributions with
 * no domain (ethics duties) are left out; they still count in the institute's total rating.
 */
export function instituteDomainPoints(db: Db, scope: Scope, year: number, status: string): InstituteDomainPoints[] {
  const sc = scopeClause('r.institute_id', scope);
  return db.$client
    .prepare(
      `SELECT r.institute_id AS instituteId, coalesce(i.domain, h.domain, p.domain) AS domain, sum(c.points) AS points
       FROM ratings r
       JOIN rating_contributions c ON c.rating_id = r.id
       LEFT JOIN incidents i ON c.record_kind = 'incidents' AND i.id = c.record_id
       LEFT JOIN hazards h ON c.record_kind = 'hazards' AND h.id = c.record_id
       LEFT JOIN projects p ON c.record_kind = 'projects' AND p.id = c.record_id
       WHERE r.year = ? AND r.status = ? AND coalesce(i.domain, h.domain, p.domain) IS NOT NULL${sc.sql}
       GROUP BY 1, 2`,
    )
    .all(year, status, ...sc.params) as InstituteDomainPoints[];
}

/**
 * The domains each unit works in: those of its projects that were live at some point since `since`
 * (not withdrawn, not closed before it, begun before `until`). A unit that works in a domain but filed
 * nothing there is "no data", not "no risk".
 */
export function unitWorkingDomains(db: Db, scope: Scope, since: Date, until: Date): { unitId: number; domain: string }[] {
  const sc = scopeClause('r.unit_id', scope);
  return db.$client
    .prepare(
      `SELECT DISTINCT r.unit_id AS unitId, r.domain AS domain FROM projects r
       WHERE r.status <> 'withdrawn' AND (r.closed_at IS NULL OR r.closed_at >= ?)
         AND coalesce(r.started_at, r.created_at) < ?${sc.sql}`,
    )
    .all(since.getTime(), until.getTime(), ...sc.params) as { unitId: number; domain: string }[];
}

/** The domain of each record behind rating contributions, keyed `kind|id` (records without one are absent). */
export function contributionDomains(db: Db, refs: readonly { recordKind: string; recordId: number | null }[]): Map<string, string> {
  const out = new Map<string, string>();
  const tables: Record<string, string> = { incidents: 'incidents', hazards: 'hazards', projects: 'projects' };
  for (const [kind, table] of Object.entries(tables)) {
    const ids = refs.filter((r) => r.recordKind === kind && r.recordId !== null).map((r) => r.recordId!);
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      for (const r of db.$client
        .prepare(`SELECT id, domain FROM ${table} WHERE id IN (${chunk.map(() => '?').join(',')})`)
        .all(...chunk) as {
        id: number;
        domain: string;
      }[])
        out.set(`${kind}|${r.id}`, r.domain);
    }
  }
  return out;
}

/** Each institute's stored level of a year and status, for institutes in scope (their ratings are theirs to see). */
export function instituteLevels(db: Db, scope: Scope, year: number, status: string): { instituteId: number; level: Level }[] {
  const sc = scopeClause('institute_id', scope);
  return db.$client
    .prepare(`SELECT institute_id AS instituteId, level FROM ratings WHERE year = ? AND status = ?${sc.sql}`)
    .all(year, status, ...sc.params) as { instituteId: number; level: Level }[];
}
