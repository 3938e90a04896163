import { and, asc, count, desc, eq, inArray, isNull, like, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import { alias, type SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Db } from '../client';
import {
  assessmentDimensions,
  assessments,
  assessmentStatuses,
  auditLog,
  ethicsStatuses,
  hazards,
  hazardStatuses,
  incidents,
  incidentStatuses,
  inspectionStatuses,
  projects,
  projectStatuses,
  units,
  users,
} from '../schema';
import type { Scope } from '@/domain/auth/actor';
import type { Level } from '@/domain/reference/level-codes';
import { defaultRiskBands } from '@/domain/reference/risk-matrix';
import { inScope } from '@/db/scope';
import { effectiveTierSql } from './effective-tier';
import { activeRatingRuleSet } from './rule-sets';
import { recordKinds, type RecordKind } from './record-kinds';

export interface RecordListRow {
  id: number;
  externalId: string;
  unitCode: string;
  unitName: string;
  unitNameEn: string | null;
  date: Date | null;
  label: string | number | null;
  status: string;
  domain: string | null;
  /** The institute of a record filed by a department (null when an institute filed it). */
  instituteCode: string | null;
  instituteName: string | null;
  instituteNameEn: string | null;
  /** Incidents: the effective tier (what the rating counts) and the tier reported. */
  tier?: number;
  reportedTier?: number;
  /** Hazards. */
  severity?: 'general' | 'major';
  dueAt?: Date;
}

export interface RecordPage {
  rows: RecordListRow[];
  total: number;
  page: number;
  pageSize: number;
}

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

export const sortKeys = ['date', 'externalId', 'status'] as const;
export type SortKey = (typeof sortKeys)[number];

export const recordStates = ['current', 'open', 'overdue'] as const;
export type RecordState = (typeof recordStates)[number];

/** Which of the dashboard filters apply to a kind (the list offers only these). */
export const kindFilters: Record<RecordKind, { severity?: true; tier?: true; level?: true; states: readonly RecordState[] }> = {
  projects: { states: ['current'] },
  assessments: { level: true, states: ['current'] },
  hazards: { severity: true, states: ['current', 'open', 'overdue'] },
  incidents: { tier: true, states: ['current'] },
  inspections: { states: ['current'] },
  'ethics-committees': { states: ['current'] },
  'ethics-activities': { states: ['current'] },
  'ethics-annual-reports': { states: ['current'] },
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
export function dashboardFilters(db: Db, kind: RecordKind, f: RecordFilters): SQL | undefined {
  const k = recordKinds[kind];
  const allowed = kindFilters[kind];
  const now = (f.now ?? new Date()).getTime();
  const tier = f.tier && allowed.tier ? f.tier : undefined;
  const state = f.state && allowed.states.includes(f.state) ? f.state : undefined;
  return and(
    f.domain ? inDomain(kind, f.domain) : undefined,
    f.severity && allowed.severity ? eq(hazards.severity, f.severity as 'major') : undefined,
    tier === 'serious'
      ? sql`${effectiveTierSql(activeRatingRuleSet(db))} <= 3`
      : tier && /^[1-4]$/.test(tier)
        ? sql`${effectiveTierSql(activeRatingRuleSet(db))} = ${Number(tier)}`
        : undefined,
    f.level && allowed.level ? assessmentLevelIs(f.level) : undefined,
    state === 'current' ? ne(k.status as SQLiteColumn, 'withdrawn') : undefined,
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

export interface RecordFilters {
  status?: string;
  domain?: string;
  /** Only records filed in this unit or below it (its materialised path). */
  unitPath?: string;
  /** The record's date in [from, to). */
  from?: Date;
  to?: Date;
  /** Words in the reference, title or summary. */
  q?: string;
  /** Hazards: general or major. */
  severity?: string;
  /** Incidents: effective tier 1-4 (as the rating counts it), or 'serious' for tiers I-III. */
  tier?: string;
  /** Assessments: overall level (worst dimension's likelihood × impact, banded). */
  level?: Level;
  /** 'current': not withdrawn; hazards also 'open' (not rectified) and 'overdue' (open past due at `now`). */
  state?: RecordState;
  /** The instant 'overdue' is judged at. */
  now?: Date;
  /** Incidents, hazards, assessments: of this risk dimension (assessments: that assessed it). */
  dimension?: string;
  /** Assessments of this stage. */
  stage?: string;
  /** Assessments with a dimension rated at this likelihood and impact on the 5×5 matrix. */
  cell?: { likelihood: number; impact: number };
  sort?: SortKey;
  dir?: 'asc' | 'desc';
}

// The text columns the list's search looks in besides the reference (a kind's title, summary or findings).
const searchable: Partial<Record<RecordKind, SQLiteColumn>> = {
  projects: recordKinds.projects.label,
  hazards: recordKinds.hazards.label,
  incidents: recordKinds.incidents.label,
  inspections: recordKinds.inspections.label,
  'ethics-committees': recordKinds['ethics-committees'].label,
  'ethics-activities': recordKinds['ethics-activities'].label,
};

/** `%words%` for LIKE, with the user's own % and _ taken literally (portable ESCAPE, works on PostgreSQL too). */
function contains(column: SQLiteColumn, words: string): SQL {
  const pattern = `%${words.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql`${column} like ${pattern} escape '\\'`;
}

/**
 * One page of a kind's records in the caller's scope, filtered and sorted (newest first unless asked
 * otherwise). A record without its date yet (a planned project, a draft assessment) sorts by when it was
 * entered.
 */
export function listRecords(
  db: Db,
  scope: Scope,
  kind: RecordKind,
  opts: { page?: number; pageSize?: number } & RecordFilters = {},
): RecordPage {
  const k = recordKinds[kind];
  const pageSize = Math.min(Math.max(opts.pageSize ?? 50, 1), 200);
  const page = Math.max(opts.page ?? 1, 1);
  // Only projects (start) and assessments (submission) may lack their date; the others sort on the column itself, so its index serves.
  const when = k.date.notNull ? k.date : sql`coalesce(${k.date}, ${k.table.createdAt})`;
  const text = searchable[kind];
  const words = opts.q?.trim();
  const where = and(
    inScope(k.table.unitId, scope),
    opts.status ? eq(k.status as SQLiteColumn, opts.status) : undefined,
    dashboardFilters(db, kind, opts),
    opts.unitPath ? like(units.path, `${opts.unitPath}%`) : undefined,
    opts.from ? sql`${when} >= ${opts.from.getTime()}` : undefined,
    opts.to ? sql`${when} < ${opts.to.getTime()}` : undefined,
    words ? (text ? or(contains(k.table.externalId, words), contains(text, words)) : contains(k.table.externalId, words)) : undefined,
  );
  const total = db.select({ n: count() }).from(k.table).innerJoin(units, eq(units.id, k.table.unitId)).where(where).get()?.n ?? 0;
  const direction = opts.dir === 'asc' ? asc : desc;
  const sortColumn = opts.sort === 'externalId' ? k.table.externalId : opts.sort === 'status' ? k.status : when;
  const institute = alias(units, 'institute');
  const rows = db
    .select({
      id: k.table.id,
      externalId: k.table.externalId,
      unitCode: units.code,
      unitName: units.name,
      unitNameEn: units.nameEn,
      instituteCode: institute.code,
      instituteName: institute.name,
      instituteNameEn: institute.nameEn,
      date: k.date,
      label: k.label,
      status: k.status,
      ...(k.domain ? { domain: k.domain } : {}),
      ...(kind === 'incidents' ? { tier: effectiveTierSql(activeRatingRuleSet(db)), reportedTier: incidents.tier } : {}),
      ...(kind === 'hazards' ? { severity: hazards.severity, dueAt: hazards.dueAt } : {}),
    })
    .from(k.table)
    .innerJoin(units, eq(units.id, k.table.unitId))
    // A department's name alone ("综合办公室") says nothing without its institute.
    .leftJoin(institute, and(eq(institute.id, units.instituteId), ne(institute.id, units.id)))
    .where(where)
    .orderBy(direction(sortColumn), direction(k.table.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .all()
    .map((r) => ({ domain: null, ...r }) as RecordListRow);
  return { rows, total, page, pageSize };
}

export type RecordAccess =
  | {
      status: 'ok';
      record: Record<string, unknown>;
      unit: typeof units.$inferSelect;
      dimensions?: (typeof assessmentDimensions.$inferSelect)[];
    }
  | { status: 'forbidden' }
  | { status: 'missing' };

/**
 * One record for a caller. A record outside the caller's scope is refused plainly and nothing of it is
 * read. For a caller limited to part of the academy a missing id is refused the same way, so probing ids
 * cannot tell which exist elsewhere (ids are sequential: that would leak how many records others have).
 */
export function readRecord(db: Db, scope: Scope, kind: RecordKind, id: number): RecordAccess {
  const k = recordKinds[kind];
  const found = db
    .select({ record: k.table, unit: units })
    .from(k.table)
    .innerJoin(units, eq(units.id, k.table.unitId))
    .where(and(eq(k.table.id, id), inScope(k.table.unitId, scope)))
    .get();
  if (!found) return scope.all ? { status: 'missing' } : { status: 'forbidden' };
  const dimensions =
    kind === 'assessments'
      ? db.select().from(assessmentDimensions).where(eq(assessmentDimensions.assessmentId, id)).orderBy(assessmentDimensions.id).all()
      : undefined;
  return { status: 'ok', record: found.record as Record<string, unknown>, unit: found.unit, dimensions };
}

export interface FilingUnit {
  id: number;
  code: string;
  name: string;
  nameEn: string | null;
  kind: 'institute' | 'department';
  instituteId: number;
  depth: number;
}

/** Units in scope where records may be filed (institutes and their departments), in tree order. */
export function filingUnits(db: Db, scope: Scope): FilingUnit[] {
  return db
    .select({
      id: units.id,
      code: units.code,
      name: units.name,
      nameEn: units.nameEn,
      kind: units.kind,
      instituteId: units.instituteId,
      depth: sql<number>`length(${units.path}) - length(replace(${units.path}, '/', '')) - 1`,
    })
    .from(units)
    .where(and(inScope(units.id, scope), inArray(units.kind, ['institute', 'department'])))
    .orderBy(asc(units.path))
    .all()
    .filter((u): u is FilingUnit => u.instituteId !== null);
}

export interface ProjectOption {
  id: number;
  externalId: string;
  title: string;
  instituteId: number;
  status: string;
}

/** Projects in scope a record may refer to (withdrawn ones left out), newest first. */
export function projectOptions(db: Db, scope: Scope): ProjectOption[] {
  return db
    .select({
      id: projects.id,
      externalId: projects.externalId,
      title: projects.title,
      instituteId: projects.instituteId,
      status: projects.status,
    })
    .from(projects)
    .where(and(inScope(projects.unitId, scope), ne(projects.status, 'withdrawn')))
    .orderBy(desc(projects.id))
    .all();
}

/** A project's assessments in scope, oldest first, for its detail page. */
export function projectAssessments(db: Db, scope: Scope, projectId: number) {
  return db
    .select({
      id: assessments.id,
      externalId: assessments.externalId,
      stage: assessments.stage,
      status: assessments.status,
      submittedAt: assessments.submittedAt,
      decidedAt: assessments.decidedAt,
    })
    .from(assessments)
    .where(and(eq(assessments.projectId, projectId), inScope(assessments.unitId, scope)))
    .orderBy(asc(assessments.id))
    .all();
}

export interface HistoryEntry {
  id: number;
  at: Date;
  action: string;
  actor: string | null;
  after: Record<string, unknown> | null;
}

/** What happened to a record, from the audit log, oldest first; nothing for a record outside the scope. */
export function recordHistory(db: Db, scope: Scope, kind: RecordKind, id: number): HistoryEntry[] {
  const table = recordKinds[kind].table;
  const visible = db
    .select({ id: table.id })
    .from(table)
    .where(and(eq(table.id, id), inScope(table.unitId, scope)))
    .get();
  if (!visible) return [];
  return db
    .select({ id: auditLog.id, at: auditLog.at, action: auditLog.action, actor: users.displayName, after: auditLog.after })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(and(eq(auditLog.entityKind, kind), eq(auditLog.entityId, id)))
    .orderBy(asc(auditLog.id))
    .all()
    .map((r) => ({ ...r, after: (r.after ?? null) as Record<string, unknown> | null }));
}

/** The reference of a record's project, for its edit form (the record itself was read within scope). */
export function projectExternalIdOf(db: Db, projectId: number): string | null {
  return db.select({ externalId: projects.externalId }).from(projects).where(eq(projects.id, projectId)).get()?.externalId ?? null;
}

/** Who a reviewer was, by name, for a record's page. */
export function displayNameOf(db: Db, userId: number): string | null {
  return db.select({ name: users.displayName }).from(users).where(eq(users.id, userId)).get()?.name ?? null;
}
