import { and, asc, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import { first } from '../engine';
import type { Queryable } from '../tx';
import { assessmentDimensions, assessments, auditLog, projects, units, users } from '../schema';
import type { Scope } from '@/domain/auth/actor';
import type { FilingUnit, HistoryEntry, ProjectOption } from '@/domain/records/views';
import { inScope } from '@/db/scope';
import { recordKinds, type RecordKind } from '@/db/records/record-kinds';

// One record and what its pages and forms show beside it, each read within the caller's scope.

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
export async function readRecord(db: Queryable, scope: Scope, kind: RecordKind, id: number): Promise<RecordAccess> {
  const k = recordKinds[kind];
  const found = first(
    await db
      .select({ record: k.table, unit: units })
      .from(k.table)
      .innerJoin(units, eq(units.id, k.table.unitId))
      .where(and(eq(k.table.id, id), inScope(k.table.unitId, scope)))
      .limit(1),
  );
  if (!found) return scope.all ? { status: 'missing' } : { status: 'forbidden' };
  const dimensions =
    kind === 'assessments'
      ? await db.select().from(assessmentDimensions).where(eq(assessmentDimensions.assessmentId, id)).orderBy(assessmentDimensions.id)
      : undefined;
  return { status: 'ok', record: found.record as Record<string, unknown>, unit: found.unit, dimensions };
}

/** Units in scope where records may be filed (institutes and their departments), in tree order. */
export async function filingUnits(db: Queryable, scope: Scope): Promise<FilingUnit[]> {
  const found = await db
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
    .orderBy(asc(units.path));
  return found.filter((u): u is FilingUnit => u.instituteId !== null);
}

/** Projects in scope a record may refer to (withdrawn ones left out), newest first. */
export async function projectOptions(db: Queryable, scope: Scope): Promise<ProjectOption[]> {
  return await db
    .select({
      id: projects.id,
      externalId: projects.externalId,
      title: projects.title,
      instituteId: projects.instituteId,
      status: projects.status,
    })
    .from(projects)
    .where(and(inScope(projects.unitId, scope), ne(projects.status, 'withdrawn')))
    .orderBy(desc(projects.id));
}

/** A project's assessments in scope, oldest first, for its detail page. */
export async function projectAssessments(db: Queryable, scope: Scope, projectId: number) {
  return await db
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
    .orderBy(asc(assessments.id));
}

/** What happened to a record, from the audit log, oldest first; nothing for a record outside the scope. */
export async function recordHistory(db: Queryable, scope: Scope, kind: RecordKind, id: number): Promise<HistoryEntry[]> {
  const table = recordKinds[kind].table;
  const visible = first(
    await db
      .select({ id: table.id })
      .from(table)
      .where(and(eq(table.id, id), inScope(table.unitId, scope)))
      .limit(1),
  );
  if (!visible) return [];
  const entries = await db
    .select({ id: auditLog.id, at: auditLog.at, action: auditLog.action, actor: users.displayName, after: auditLog.after })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(and(eq(auditLog.entityKind, kind), eq(auditLog.entityId, id)))
    .orderBy(asc(auditLog.id));
  return entries.map((r) => ({ ...r, after: (r.after ?? null) as Record<string, unknown> | null }));
}

/** The reference of a record's project, for its edit form (the record itself was read within scope). */
export async function projectExternalIdOf(db: Queryable, projectId: number): Promise<string | null> {
  return (
    first(await db.select({ externalId: projects.externalId }).from(projects).where(eq(projects.id, projectId)).limit(1))?.externalId ??
    null
  );
}

/** Who a reviewer was, by name, for a record's page. */
export async function displayNameOf(db: Queryable, userId: number): Promise<string | null> {
  return first(await db.select({ name: users.displayName }).from(users).where(eq(users.id, userId)).limit(1))?.name ?? null;
}
