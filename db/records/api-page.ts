import { and, asc, eq, gt, gte, inArray, like, lt, type SQL } from 'drizzle-orm';
import { alias } from '@/db/sql/alias';
import type { Queryable } from '@/db/tx';
import { assessmentDimensions, projects, units } from '@/db/schema';
import type { Scope } from '@/domain/auth/actor';
import { recordKinds, type RecordKind, type RecordTable } from '@/db/records/record-kinds';
import { inScope } from '@/db/scope';

/**
 * What the API's page needs of a kind (a KindDef fits): its table, and the columns the API names as they
 * are stored (`plain`), the project reference and the kind (an assessment's dimensions).
 */
export interface ApiColumns {
  kind: RecordKind;
  table: RecordTable;
  plain: readonly string[];
  project: 'none' | 'optional' | 'required';
}

export interface RecordQuery {
  /** Only records of this unit and the units below it. */
  unitPath?: string;
  from?: Date;
  to?: Date;
  cursor?: number;
  limit: number;
}

/**
 * A page of a kind's records in the caller's scope in the API's shape (the fields they were written with,
 * plus id and timestamps), ordered by id; the cursor is the last id of the previous page.
 */
export async function listRecordsForApi(db: Queryable, scope: Scope, def: ApiColumns, q: RecordQuery) {
  const table = def.table;
  const date = recordKinds[def.kind].date;
  const project = alias(projects, 'ref_project');
  const hasProject = def.project !== 'none';
  const where: (SQL | undefined)[] = [
    inScope(table.unitId, scope),
    q.unitPath ? like(units.path, `${q.unitPath}%`) : undefined,
    q.from ? gte(date, q.from) : undefined,
    q.to ? lt(date, q.to) : undefined,
    q.cursor ? gt(table.id, q.cursor) : undefined,
  ];
  const base = db
    .select({ row: table, unitCode: units.code, ...(hasProject ? { projectExternalId: project.externalId } : {}) })
    .from(table)
    .innerJoin(units, eq(units.id, table.unitId));
  const joined = hasProject
    ? base.leftJoin(project, eq(project.id, (table as unknown as { projectId: typeof projects.id }).projectId))
    : base;
  const rows = (
    (await joined
      .where(and(...where))
      .orderBy(asc(table.id))
      .limit(q.limit + 1)) as unknown[]
  ).map((r) => r as { row: Record<string, unknown> & { id: number }; unitCode: string; projectExternalId?: string | null });
  const more = rows.length > q.limit;
  const page = more ? rows.slice(0, q.limit) : rows;
  const dims =
    def.kind === 'assessments'
      ? await dimensionsByAssessment(
          db,
          page.map((r) => r.row.id),
        )
      : null;
  return {
    data: page.map((r) => recordToApi(def, r.row, r.unitCode, r.projectExternalId ?? null, dims?.get(r.row.id) ?? [])),
    nextCursor: more ? String(page[page.length - 1]!.row.id) : null,
  };
}

async function dimensionsByAssessment(db: Queryable, ids: number[]) {
  const out = new Map<number, Record<string, unknown>[]>();
  if (ids.length === 0) return out;
  const rows = await db
    .select()
    .from(assessmentDimensions)
    .where(inArray(assessmentDimensions.assessmentId, ids))
    .orderBy(asc(assessmentDimensions.id));
  for (const d of rows) {
    const list = out.get(d.assessmentId) ?? [];
    list.push({
      dimension: d.dimension,
      likelihood: d.likelihood,
      impact: d.impact,
      riskPoints: d.riskPoints,
      consequences: d.consequences,
      measures: d.measures,
    });
    out.set(d.assessmentId, list);
  }
  return out;
}

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : (v ?? null));

/** A stored record as the API returns it: timestamps in UTC `Z` form. */
export function recordToApi(
  def: ApiColumns,
  row: Record<string, unknown> & { id: number },
  unitCode: string,
  projectExternalId: string | null,
  dimensions: Record<string, unknown>[],
): Record<string, unknown> {
  const out: Record<string, unknown> = { id: row.id, externalId: row.externalId, unitCode };
  if (def.project !== 'none') out.projectExternalId = projectExternalId;
  for (const f of def.plain) out[f] = iso(row[f]);
  if (def.kind === 'assessments') out.dimensions = dimensions;
  out.createdAt = iso(row.createdAt);
  out.updatedAt = iso(row.updatedAt);
  return out;
}
