import { and, desc, eq, lte } from 'drizzle-orm';
import { assessments, projects } from '@/db/schema';
import { canSubmitRecords } from '@/domain/auth/roles';
import type { Actor } from '@/domain/auth/actor';
import { formatDate } from '@/domain/time/shanghai';
import {
  blank,
  entry,
  guard,
  loadRecord,
  picked,
  refuse,
  requireRole,
  step,
  WorkflowRefused,
  type WorkflowProblem,
} from '@/features/records/workflow-step';
import { first } from '@/db/engine';
import type { Db, Queryable } from '@/db/tx';

// The project steps of the CAS workflow (CAS §5): the gates before the start, a major change reopening
// assessment (and maybe pausing the project), and resuming once the re-assessment is approved.

/** The gates a project's start must pass (CAS §5(1)-(3)); each missing one is a separate problem. */
export async function missingStartGates(tx: Queryable, project: typeof projects.$inferSelect, startedAt: Date): Promise<WorkflowProblem[]> {
  const out: WorkflowProblem[] = [];
  const approvedByStart = first(
    await tx
      .select({ id: assessments.id })
      .from(assessments)
      .where(and(eq(assessments.projectId, project.id), eq(assessments.status, 'approved'), lte(assessments.decidedAt, startedAt)))
      .limit(1),
  );
  if (!approvedByStart) {
    const later = first(
      await tx
        .select({ decidedAt: assessments.decidedAt })
        .from(assessments)
        .where(and(eq(assessments.projectId, project.id), eq(assessments.status, 'approved')))
        .orderBy(assessments.decidedAt)
        .limit(1),
    );
    out.push(
      later?.decidedAt
        ? { field: 'startedAt', key: 'workflow.gateApprovalLater', params: { date: formatDate(later.decidedAt) } }
        : { field: 'startedAt', key: 'workflow.gateApproval' },
    );
  }
  if (project.requiresPermit) {
    if (!project.permitAt) out.push({ field: 'startedAt', key: 'workflow.gatePermit' });
    else if (project.permitAt > startedAt)
      out.push({ field: 'startedAt', key: 'workflow.gatePermitLater', params: { date: formatDate(project.permitAt) } });
  }
  if (project.requiresFiling) {
    if (!project.filedAt) out.push({ field: 'startedAt', key: 'workflow.gateFiling' });
    else if (project.filedAt > startedAt)
      out.push({ field: 'startedAt', key: 'workflow.gateFilingLater', params: { date: formatDate(project.filedAt) } });
  }
  return out;
}

/** Marks a planned project started, only through its gates: an approved assessment, the permit, the filing. */
export async function startProject(db: Db, actor: Actor, id: number, startedAt: Date, now: Date): Promise<void> {
  requireRole(canSubmitRecords(actor.role), 'validation.readOnlyRole');
  await step(db, now, async (tx, audit) => {
    await loadRecord(tx, actor, 'projects', id);
    const project = first(await tx.select().from(projects).where(eq(projects.id, id)).limit(1))!;
    if (project.status !== 'planned') refuse('invalid', 'status', 'workflow.notPlanned');
    guard(actor, 'projects', project, { fields: ['status', 'startedAt'], status: 'active' });
    if (startedAt > now) refuse('invalid', 'startedAt', 'validation.inFuture');
    const gates = await missingStartGates(tx, project, startedAt);
    if (gates.length) throw new WorkflowRefused('invalid', gates);
    const after = { status: 'active', startedAt } as const;
    await tx.update(projects).set(after).where(eq(projects.id, id));
    audit.push(entry(actor, 'projects', project, 'start', picked(project, ['status', 'startedAt']), after));
  });
}

export interface Reassessment {
  /** True while the project's latest change-stage assessment is not approved. */
  required: boolean;
  assessmentId: number | null;
  externalId: string | null;
  status: string | null;
}

/** Whether a major change still waits for its re-assessment to be approved. */
export async function reassessmentState(tx: Queryable, projectId: number): Promise<Reassessment> {
  const latest = first(
    await tx
      .select({ id: assessments.id, externalId: assessments.externalId, status: assessments.status })
      .from(assessments)
      .where(and(eq(assessments.projectId, projectId), eq(assessments.stage, 'change')))
      .orderBy(desc(assessments.id))
      .limit(1),
  );
  if (!latest) return { required: false, assessmentId: null, externalId: null, status: null };
  return { required: latest.status !== 'approved', assessmentId: latest.id, externalId: latest.externalId, status: latest.status };
}

/**
 * A major change during implementation (CAS §5(4)) reopens assessment: it opens a draft `change`-stage
 * assessment (or keeps the one still pending) that must be approved before the project may resume, and
 * can pause the project until then.
 */
export async function recordMajorChange(
  db: Db,
  actor: Actor,
  id: number,
  change: { changedAt: Date; note: string; pause: boolean },
  now: Date,
): Promise<{ assessmentId: number; paused: boolean }> {
  requireRole(canSubmitRecords(actor.role), 'validation.readOnlyRole');
  return step(db, now, async (tx, audit) => {
    await loadRecord(tx, actor, 'projects', id);
    const project = first(await tx.select().from(projects).where(eq(projects.id, id)).limit(1))!;
    if (project.status !== 'active' && project.status !== 'paused') refuse('invalid', 'status', 'workflow.notRunning');
    guard(actor, 'projects', project, { fields: change.pause ? ['status', 'pausedAt'] : [], status: 'paused' });
    if (blank(change.note)) refuse('invalid', 'note', 'validation.required');
    if (change.changedAt > now) refuse('invalid', 'changedAt', 'validation.inFuture');
    if (project.startedAt && change.changedAt < project.startedAt) refuse('invalid', 'changedAt', 'validation.beforeStarted');

    const pending = await reassessmentState(tx, id);
    let assessmentId = pending.assessmentId;
    if (!pending.required || pending.status === 'withdrawn' || assessmentId === null) {
      const externalId = await freeExternalId(tx, project.instituteId, `${project.externalId}-CHG`);
      const row = {
        externalId,
        unitId: project.unitId,
        instituteId: project.instituteId,
        projectId: project.id,
        stage: 'change' as const,
        status: 'draft' as const,
        createdBy: actor.userId,
      };
      assessmentId = first(await tx.insert(assessments).values(row).returning({ id: assessments.id }))!.id;
      audit.push(entry(actor, 'assessments', { id: assessmentId, unitId: project.unitId }, 'create', {}, row));
    }
    const paused = change.pause && project.status === 'active';
    const after = paused ? { status: 'paused' as const, pausedAt: change.changedAt } : {};
    if (paused) await tx.update(projects).set(after).where(eq(projects.id, id));
    else await tx.update(projects).set({ updatedAt: now }).where(eq(projects.id, id));
    audit.push(
      entry(actor, 'projects', project, 'major_change', paused ? picked(project, ['status', 'pausedAt']) : {}, {
        ...after,
        changedAt: change.changedAt,
        note: change.note.trim(),
        reassessmentId: assessmentId,
      }),
    );
    return { assessmentId, paused };
  });
}

async function freeExternalId(tx: Queryable, instituteId: number, base: string): Promise<string> {
  for (let n = 1; ; n++) {
    const candidate = `${base}-${n}`;
    const taken = first(
      await tx
        .select({ id: assessments.id })
        .from(assessments)
        .where(and(eq(assessments.instituteId, instituteId), eq(assessments.externalId, candidate)))
        .limit(1),
    );
    if (!taken) return candidate;
  }
}

/** A paused project resumes once its re-assessment is approved. */
export async function resumeProject(db: Db, actor: Actor, id: number, now: Date): Promise<void> {
  requireRole(canSubmitRecords(actor.role), 'validation.readOnlyRole');
  await step(db, now, async (tx, audit) => {
    await loadRecord(tx, actor, 'projects', id);
    const project = first(await tx.select().from(projects).where(eq(projects.id, id)).limit(1))!;
    if (project.status !== 'paused') refuse('invalid', 'status', 'workflow.notPaused');
    guard(actor, 'projects', project, { fields: ['status'], status: 'active' });
    if ((await reassessmentState(tx, id)).required) refuse('invalid', 'status', 'workflow.reassessmentPending');
    const after = { status: 'active' as const };
    await tx.update(projects).set(after).where(eq(projects.id, id));
    audit.push(entry(actor, 'projects', project, 'resume', picked(project, ['status']), after));
  });
}
