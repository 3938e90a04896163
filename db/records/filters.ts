import { and, eq, isNull, lt, ne, sql, type SQL } from 'drizzle-orm';
import type { DbColumn, Queryable } from '../tx';
import {
  assessmentDimensions,
  assessments,
  assessmentStatuses,
  ethicsStatuses,
  hazards,
  hazardStatuses,
  incidents,
  incidentStatuses,
  inspectionStatuses,
  projects,
  projectStatuses,
} from '../schema';
import type { Level } from '@/domain/reference/level-codes';
import { defaultRiskBands } from '@/domain/reference/risk-matrix';
import { kindFilters, type RecordFilters } from '@/domain/records/list-options';
import { effectiveTierSql } from '@/db/records/effective-tier-sql';
import { activeRatingRuleSet } from '@/db/rule-sets/rating-rule-sets';
import { recordKinds, type RecordKind } from '@/db/records/record-kinds';

/** The statuses each kind's records can be in, for the list's filter. */
export const kindStatuses: Record<RecordKind, readonly string[]> = {
  projects: projectStatuses,
  assessments: assessmentStatuses,
  hazards: hazardStatuses,
  incidents: incidentStatuses,
  inspections: inspectionStatuses,
  'ethics-committees': ethicsStatuses,
  'ethics-activities': ethicsStatuses,
  'ethics-annual-reports': ethicsStatuses,
};

/**
 * An assessment's overall score: its worst dimension's likelihood × impact (null without dimensions). The
 * outer column is named in full: drizzle leaves columns unqualified in a single-table query, where a bare
 * "id" inside the subquery would be the dimension's own.
 */
export const assessmentScoreSql = sql<
  number | null
>`(select max(ad.likelihood * ad.impact) from ${assessmentDimensions} ad where ad.assessment_id = ${sql.raw('"assessments"."id"')})`;

/** SQL for "this assessment's overall level is `level`" under the risk bands. */
export function assessmentLevelIs(level: Level): SQL {
  const band = defaultRiskBands.find((b) => b.level === level)!;
  return sql`${assessmentScoreSql} between ${band.min} and ${band.max}`;
}

/** Records of a kind in a domain: assessments belong to their project's domain. */
export function inDomain(kind: RecordKind, domain: string): SQL | undefined {
  const column = recordKinds[kind].domain;
  if (column) return eq(column, domain);
  if (kind === 'assessments')
    return sql`${assessments.projectId} in (select ${projects.id} from ${projects} where ${projects.domain} = ${domain})`;
  return undefined;
}

/** The dashboard filters as SQL, shared by the lists and the dashboards that link to them. */
export async function dashboardFilters(db: Queryable, kind: RecordKind, f: RecordFilters): Promise<SQL | undefined> {
  const k = recordKinds[kind];
  const allowed = kindFilters[kind];
  const now = (f.now ?? new Date()).getTime();
  const tier = f.tier && allowed.tier ? f.tier : undefined;
  const state = f.state && allowed.states.includes(f.state) ? f.state : undefined;
  // The rule set is read only when a tier filter needs its thresholds.
  const tierSql = tier ? effectiveTierSql(await activeRatingRuleSet(db)) : undefined;
  return and(
    f.domain ? inDomain(kind, f.domain) : undefined,
    f.severity && allowed.severity ? eq(hazards.severity, f.severity as 'major') : undefined,
    tier === 'serious' ? sql`${tierSql} <= 3` : tier && /^[1-4]$/.test(tier) ? sql`${tierSql} = ${Number(tier)}` : undefined,
    f.level && allowed.level ? assessmentLevelIs(f.level) : undefined,
    state === 'current' ? ne(k.status as DbColumn, 'withdrawn') : undefined,
    state === 'open' || state === 'overdue' ? and(eq(hazards.status, 'open'), isNull(hazards.rectifiedAt)) : undefined,
    state === 'overdue' ? lt(hazards.dueAt, new Date(now)) : undefined,
    ...heatmapFilters(kind, f),
  );
}

/** The heatmaps' cell filters: risk dimension (incidents, hazards, assessments), assessment stage and matrix cell. */
function heatmapFilters(kind: RecordKind, f: RecordFilters): (SQL | undefined)[] {
  if (kind === 'incidents') return [f.dimension ? eq(incidents.dimension, f.dimension) : undefined];
  if (kind === 'hazards') return [f.dimension ? eq(hazards.dimension, f.dimension) : undefined];
  if (kind !== 'assessments') return [];
  const dims = [
    f.dimension ? sql`d.dimension = ${f.dimension}` : undefined,
    f.cell ? sql`d.likelihood = ${f.cell.likelihood} AND d.impact = ${f.cell.impact}` : undefined,
  ].filter((c): c is SQL => c !== undefined);
  return [
    f.stage ? eq(assessments.stage, f.stage as (typeof assessments.stage.enumValues)[number]) : undefined,
    dims.length > 0
      ? sql`exists (select 1 from assessment_dimensions d where d.assessment_id = ${sql.raw('"assessments"."id"')} and ${sql.join(dims, sql` and `)})`
      : undefined,
  ];
}
