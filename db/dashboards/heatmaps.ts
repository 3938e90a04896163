import { inArray, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../tx';
import { rawAll } from '../engine';
import { hazards, incidents, projects } from '../schema';
import type { Scope } from '@/domain/auth/actor';
import type { Level } from '@/domain/reference/level-codes';
import type { CountedKind } from '@/domain/dashboards/types';
import { andInScope, unitWithinSubtree } from '../scope';
import { monthOf } from '../sql/dialect';

// The dashboards' aggregates, one SQL statement each, grouped by the unit a record was filed in (so that
// a caller limited to part of an institute is counted only its part). Withdrawn records never count.
// Raw SQL on purpose: these are the product's heaviest reads (issue 5's benchmark compares each with the
// same statement run bare), and the GROUP BY shapes are easier to check in SQL than through a builder.
// Written as drizzle `sql` templates: every value is a bound parameter, scope and subtree come from
// db/scope.ts, and the only fixed text spliced in is the table of sources below. Aliases in camel case are
// quoted: PostgreSQL folds unquoted names to lower case.

// Each kind's date column (the one its list filters on), domain and dimension. An assessment takes its
// project's domain and is dated by its submission, or by when it was entered while still a draft.
const source: Record<CountedKind, { from: SQL; when: SQL; domain: SQL }> = {
  incidents: { from: sql`incidents r`, when: sql`r.occurred_at`, domain: sql`r.domain` },
  hazards: { from: sql`hazards r`, when: sql`r.found_at`, domain: sql`r.domain` },
  assessments: {
    from: sql`assessments r JOIN projects p ON p.id = r.project_id`,
    when: sql`coalesce(r.submitted_at, r.created_at)`,
    domain: sql`p.domain`,
  },
};

const filingUnit = sql`r.unit_id`;

/** ` AND` the filing unit lies in the subtree at `path`, or nothing without one. */
const andInSubtree = (path: string | undefined): SQL => (path ? sql` AND ${unitWithinSubtree(filingUnit, path)}` : sql``);

export interface UnitDomainCount {
  unitId: number;
  domain: string;
  n: number;
}

/** Records of a kind dated in [from, to), per filing unit and domain. */
export async function unitDomainCounts(q: Queryable, scope: Scope, kind: CountedKind, from: Date, to: Date): Promise<UnitDomainCount[]> {
  const s = source[kind];
  return rawAll<UnitDomainCount>(
    q,
    sql`SELECT r.unit_id AS "unitId", ${s.domain} AS domain, count(*) AS n FROM ${s.from}
        WHERE ${s.when} >= ${from.getTime()} AND ${s.when} < ${to.getTime()} AND r.status <> 'withdrawn'${andInScope(filingUnit, scope)}
        GROUP BY r.unit_id, ${s.domain}`,
  );
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
export async function domainDimensionCounts(
  q: Queryable,
  scope: Scope,
  kind: CountedKind,
  from: Date,
  to: Date,
  unitPath?: string,
): Promise<DomainDimensionCount[]> {
  const s = source[kind];
  const dimension = kind === 'assessments' ? sql`d.dimension` : sql`r.dimension`;
  const join = kind === 'assessments' ? sql` JOIN assessment_dimensions d ON d.assessment_id = r.id` : sql``;
  return rawAll<DomainDimensionCount>(
    q,
    sql`SELECT ${s.domain} AS domain, ${dimension} AS dimension, count(*) AS n FROM ${s.from}${join}
        WHERE ${s.when} >= ${from.getTime()} AND ${s.when} < ${to.getTime()} AND r.status <> 'withdrawn'${andInScope(filingUnit, scope)}${andInSubtree(unitPath)}
        GROUP BY 1, 2`,
  );
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
export async function matrixCounts(
  q: Queryable,
  scope: Scope,
  from: Date,
  to: Date,
  filter: { domain?: string; stage?: string; unitPath?: string } = {},
): Promise<MatrixCount[]> {
  const domain = filter.domain ? sql` AND p.domain = ${filter.domain}` : sql``;
  const stage = filter.stage ? sql` AND r.stage = ${filter.stage}` : sql``;
  return rawAll<MatrixCount>(
    q,
    sql`SELECT d.likelihood AS likelihood, d.impact AS impact, count(DISTINCT r.id) AS n
        FROM assessments r JOIN projects p ON p.id = r.project_id JOIN assessment_dimensions d ON d.assessment_id = r.id
        WHERE coalesce(r.submitted_at, r.created_at) >= ${from.getTime()} AND coalesce(r.submitted_at, r.created_at) < ${to.getTime()}
          AND r.status <> 'withdrawn'${andInScope(filingUnit, scope)}${domain}${stage}${andInSubtree(filter.unitPath)}
        GROUP BY 1, 2`,
  );
}

export interface MonthDomainCount {
  month: string;
  domain: string;
  n: number;
}

/** Records of a kind per Beijing-time calendar month ("2026-03") and domain, dated in [from, to). */
export async function monthDomainCounts(
  q: Queryable,
  scope: Scope,
  kind: 'incidents' | 'hazards',
  from: Date,
  to: Date,
  unitPath?: string,
): Promise<MonthDomainCount[]> {
  const s = source[kind];
  return rawAll<MonthDomainCount>(
    q,
    sql`SELECT ${monthOf(q, s.when)} AS month, ${s.domain} AS domain, count(*) AS n
        FROM ${s.from}
        WHERE ${s.when} >= ${from.getTime()} AND ${s.when} < ${to.getTime()} AND r.status <> 'withdrawn'${andInScope(filingUnit, scope)}${andInSubtree(unitPath)}
        GROUP BY 1, 2`,
  );
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
export async function instituteDomainPoints(q: Queryable, scope: Scope, year: number, status: string): Promise<InstituteDomainPoints[]> {
  return rawAll<InstituteDomainPoints>(
    q,
    sql`SELECT r.institute_id AS "instituteId", coalesce(i.domain, h.domain, p.domain) AS domain, sum(c.points) AS points
        FROM ratings r
        JOIN rating_contributions c ON c.rating_id = r.id
        LEFT JOIN incidents i ON c.record_kind = 'incidents' AND i.id = c.record_id
        LEFT JOIN hazards h ON c.record_kind = 'hazards' AND h.id = c.record_id
        LEFT JOIN projects p ON c.record_kind = 'projects' AND p.id = c.record_id
        WHERE r.year = ${year} AND r.status = ${status} AND coalesce(i.domain, h.domain, p.domain) IS NOT NULL${andInScope(sql`r.institute_id`, scope)}
        GROUP BY 1, 2`,
  );
}

/**
 * The domains each unit works in: those of its projects that were live at some point since `since`
 * (not withdrawn, not closed before it, begun before `until`). A unit that works in a domain but filed
 * nothing there is "no data", not "no risk".
 */
export async function unitWorkingDomains(
  q: Queryable,
  scope: Scope,
  since: Date,
  until: Date,
): Promise<{ unitId: number; domain: string }[]> {
  return rawAll<{ unitId: number; domain: string }>(
    q,
    sql`SELECT DISTINCT r.unit_id AS "unitId", r.domain AS domain FROM projects r
        WHERE r.status <> 'withdrawn' AND (r.closed_at IS NULL OR r.closed_at >= ${since.getTime()})
          AND coalesce(r.started_at, r.created_at) < ${until.getTime()}${andInScope(filingUnit, scope)}`,
  );
}

/** The domain of each record behind rating contributions, keyed `kind|id` (records without one are absent). */
export async function contributionDomains(
  q: Queryable,
  refs: readonly { recordKind: string; recordId: number | null }[],
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const tables = { incidents, hazards, projects };
  for (const [kind, table] of Object.entries(tables)) {
    const ids = refs.filter((r) => r.recordKind === kind && r.recordId !== null).map((r) => r.recordId!);
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      for (const r of await q.select({ id: table.id, domain: table.domain }).from(table).where(inArray(table.id, chunk)))
        out.set(`${kind}|${r.id}`, r.domain);
    }
  }
  return out;
}

/** Each institute's stored level of a year and status, for institutes in scope (their ratings are theirs to see). */
export async function instituteLevels(
  q: Queryable,
  scope: Scope,
  year: number,
  status: string,
): Promise<{ instituteId: number; level: Level }[]> {
  return rawAll<{ instituteId: number; level: Level }>(
    q,
    sql`SELECT institute_id AS "instituteId", level FROM ratings WHERE year = ${year} AND status = ${status}${andInScope(sql`institute_id`, scope)}`,
  );
}
