import { and, desc, eq, lte } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { assessmentDimensions, assessments, hazards, incidents, projects, riskDimensions } from '@/db/schema';
import { appendAudit, type AuditEntry } from '@/db/queries/audit';
import { recordKinds, type RecordKind } from '@/db/queries/record-kinds';
import { canMarkConcealed, canReview, canSubmitRecords } from '@/lib/auth/roles';
import type { Actor } from '@/lib/auth/scope-types';
import { auditValues } from '@/lib/audit/chain';
import type { Locale } from '@/lib/i18n/locales';
import { translate } from '@/lib/i18n/translate';
import { formatDate } from '@/lib/time';

// The CAS workflow steps the interface offers (CAS §5-6): reviewing assessments, the gates before a
// project starts, major changes, rectification and its verification, incident handling, withdrawal.
// Each step is one IMMEDIATE transaction that checks role and scope like submitRecords, changes the
// record and appends an audit entry with the values before and after. The API may still store facts
// that break these rules (a project started without approval is a violation to count, not to hide);
// the gates are for people working in the interface.

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export interface WorkflowProblem {
  field: string;
  key: string;
  params?: Record<string, string | number>;
}

/** A workflow step refused: `forbidden` for role or scope, `invalid` when the record's state does not allow it. */
export class WorkflowRefused extends Error {
  constructor(
    readonly reason: 'forbidden' | 'invalid',
    readonly problems: WorkflowProblem[],
  ) {
    super(`${reason}: ${problems.map((p) => `${p.field} ${translate('en', p.key, p.params)}`).join('; ')}`);
  }

  say(locale: Locale): { field: string; message: string }[] {
    return this.problems.map((p) => ({ field: p.field, message: translate(locale, p.key, p.params) }));
  }
}

const refuse = (reason: WorkflowRefused['reason'], field: string, key: string, params?: WorkflowProblem['params']): never => {
  throw new WorkflowRefused(reason, [{ field, key, params }]);
};

function requireRole(allowed: boolean, key: string): void {
  if (!allowed) refuse('forbidden', '(role)', key);
}

function inActorScope(actor: Actor, unitId: number): boolean {
  return actor.scope.all || actor.scope.unitIds.includes(unitId);
}

/**
 * A record for a step, or a refusal. Outside the caller's scope it is refused; to a caller limited to
 * part of the academy a missing id looks the same (as readRecord does), so ids cannot be probed.
 */
function loadRecord(tx: Tx, actor: Actor, kind: RecordKind, id: number): Record<string, unknown> & { id: number; unitId: number } {
  const table = recordKinds[kind].table;
  const row = tx.select().from(table).where(eq(table.id, id)).get() as
    (Record<string, unknown> & { id: number; unitId: number }) | undefined;
  if (!row)
    return actor.scope.all ? refuse('invalid', '(record)', 'workflow.notFound') : refuse('forbidden', '(record)', 'workflow.outsideScope');
  if (!inActorScope(actor, row.unitId)) refuse('forbidden', '(record)', 'workflow.outsideScope');
  return row;
}

function step<T>(db: Db, now: Date, work: (tx: Tx, audit: AuditEntry[]) => T): T {
  return db.transaction(
    (tx) => {
      const audit: AuditEntry[] = [];
      const result = work(tx, audit);
      appendAudit(tx, audit, now);
      return result;
    },
    { behavior: 'immediate' },
  );
}

function entry(
  actor: Actor,
  kind: RecordKind,
  row: { id: number; unitId: number },
  action: string,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): AuditEntry {
  return {
    actorUserId: actor.userId,
    action: `${kind}.${action}`,
    entityKind: kind,
    entityId: row.id,
    unitId: row.unitId,
    before: auditValues(before),
    after: auditValues({ ...after, source: 'form' }),
  };
}

const picked = (row: Record<string, unknown>, keys: string[]) => Object.fromEntries(keys.map((k) => [k, row[k] ?? null]));
const blank = (text: string | null | undefined) => !text || text.trim() === '';

// ─── Assessments ───────────────────────────────────────────────────────────────────────────────────

/** A draft (or a rejected assessment, once reworked) goes to review; it must cover every CAS dimension. */
export function submitAssessment(db: Db, actor: Actor, id: number, now: Date): void {
  requireRole(canSubmitRecords(actor.role), 'validation.readOnlyRole');
  step(db, now, (tx, audit) => {
    const row = loadRecord(tx, actor, 'assessments', id);
    if (row.status !== 'draft' && row.status !== 'rejected') refuse('invalid', 'status', 'workflow.notDraft');
    const have = new Set(
      tx
        .select({ d: assessmentDimensions.dimension })
        .from(assessmentDimensions)
        .where(eq(assessmentDimensions.assessmentId, id))
        .all()
        .map((r) => r.d),
    );
    const missing = tx
      .select({ code: riskDimensions.code })
      .from(riskDimensions)
      .where(eq(riskDimensions.stage, 'all'))
      .all()
      .map((d) => d.code)
      .filter((c) => !have.has(c));
    if (missing.length) refuse('invalid', 'dimensions', 'validation.missingDimensions', { codes: missing.join(', ') });
    const after = { status: 'submitted' as const, submittedAt: now };
    tx.update(assessments).set(after).where(eq(assessments.id, id)).run();
    audit.push(entry(actor, 'assessments', row, 'submit', picked(row, ['status', 'submittedAt']), after));
  });
}

/** The unit's research management approves, or rejects with a comment (CAS §5(1)). */
export function decideAssessment(
  db: Db,
  actor: Actor,
  id: number,
  decision: { approve: boolean; comment?: string | null },
  now: Date,
): void {
  requireRole(canReview(actor.role), 'validation.reviewerOnly');
  step(db, now, (tx, audit) => {
    const row = loadRecord(tx, actor, 'assessments', id);
    if (row.status !== 'submitted') refuse('invalid', 'status', 'workflow.notSubmitted');
    const comment = blank(decision.comment) ? null : decision.comment!.trim();
    if (!decision.approve && !comment) refuse('invalid', 'comment', 'validation.commentRequired');
    const after = {
      status: decision.approve ? 'approved' : 'rejected',
      decidedAt: now,
      decidedBy: actor.userId,
      reviewComment: comment,
    } as const;
    tx.update(assessments).set(after).where(eq(assessments.id, id)).run();
    audit.push(
      entry(
        actor,
        'assessments',
        row,
        decision.approve ? 'approve' : 'reject',
        picked(row, ['status', 'decidedAt', 'decidedBy', 'reviewComment']),
        after,
      ),
    );
  });
}

// ─── Projects ──────────────────────────────────────────────────────────────────────────────────────

/** The gates a project's start must pass (CAS §5(1)-(3)); each missing one is a separate problem. */
export function missingStartGates(tx: Tx | Db, project: typeof projects.$inferSelect, startedAt: Date): WorkflowProblem[] {
  const out: WorkflowProblem[] = [];
  const approvedByStart = tx
    .select({ id: assessments.id })
    .from(assessments)
    .where(and(eq(assessments.projectId, project.id), eq(assessments.status, 'approved'), lte(assessments.decidedAt, startedAt)))
    .limit(1)
    .get();
  if (!approvedByStart) {
    const later = tx
      .select({ decidedAt: assessments.decidedAt })
      .from(assessments)
      .where(and(eq(assessments.projectId, project.id), eq(assessments.status, 'approved')))
      .orderBy(assessments.decidedAt)
      .limit(1)
      .get();
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
export function startProject(db: Db, actor: Actor, id: number, startedAt: Date, now: Date): void {
  requireRole(canSubmitRecords(actor.role), 'validation.readOnlyRole');
  step(db, now, (tx, audit) => {
    loadRecord(tx, actor, 'projects', id);
    const project = tx.select().from(projects).where(eq(projects.id, id)).get()!;
    if (project.status !== 'planned') refuse('invalid', 'status', 'workflow.notPlanned');
    if (startedAt > now) refuse('invalid', 'startedAt', 'validation.inFuture');
    const gates = missingStartGates(tx, project, startedAt);
    if (gates.length) throw new WorkflowRefused('invalid', gates);
    const after = { status: 'active', startedAt } as const;
    tx.update(projects).set(after).where(eq(projects.id, id)).run();
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
export function reassessmentState(tx: Tx | Db, projectId: number): Reassessment {
  const latest = tx
    .select({ id: assessments.id, externalId: assessments.externalId, status: assessments.status })
    .from(assessments)
    .where(and(eq(assessments.projectId, projectId), eq(assessments.stage, 'change')))
    .orderBy(desc(assessments.id))
    .limit(1)
    .get();
  if (!latest) return { required: false, assessmentId: null, externalId: null, status: null };
  return { required: latest.status !== 'approved', assessmentId: latest.id, externalId: latest.externalId, status: latest.status };
}

/**
 * A major change during implementation (CAS §5(4)) reopens assessment: it opens a draft `change`-stage
 * assessment (or keeps the one still pending) that must be approved before the project may resume, and
 * can pause the project until then.
 */
export function recordMajorChange(
  db: Db,
  actor: Actor,
  id: number,
  change: { changedAt: Date; note: string; pause: boolean },
  now: Date,
): { assessmentId: number; paused: boolean } {
  requireRole(canSubmitRecords(actor.role), 'validation.readOnlyRole');
  return step(db, now, (tx, audit) => {
    loadRecord(tx, actor, 'projects', id);
    const project = tx.select().from(projects).where(eq(projects.id, id)).get()!;
    if (project.status !== 'active' && project.status !== 'paused') refuse('invalid', 'status', 'workflow.notRunning');
    if (blank(change.note)) refuse('invalid', 'note', 'validation.required');
    if (change.changedAt > now) refuse('invalid', 'changedAt', 'validation.inFuture');
    if (project.startedAt && change.changedAt < project.startedAt) refuse('invalid', 'changedAt', 'validation.beforeStarted');

    const pending = reassessmentState(tx, id);
    let assessmentId = pending.assessmentId;
    if (!pending.required || pending.status === 'withdrawn' || assessmentId === null) {
      const externalId = freeExternalId(tx, project.instituteId, `${project.externalId}-CHG`);
      const row = {
        externalId,
        unitId: project.unitId,
        instituteId: project.instituteId,
        projectId: project.id,
        stage: 'change' as const,
        status: 'draft' as const,
        createdBy: actor.userId,
      };
      assessmentId = tx.insert(assessments).values(row).returning({ id: assessments.id }).get().id;
      audit.push(entry(actor, 'assessments', { id: assessmentId, unitId: project.unitId }, 'create', {}, row));
    }
    const paused = change.pause && project.status === 'active';
    const after = paused ? { status: 'paused' as const, pausedAt: change.changedAt } : {};
    if (paused) tx.update(projects).set(after).where(eq(projects.id, id)).run();
    else tx.update(projects).set({ updatedAt: now }).where(eq(projects.id, id)).run();
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

function freeExternalId(tx: Tx, instituteId: number, base: string): string {
  for (let n = 1; ; n++) {
    const candidate = `${base}-${n}`;
    const taken = tx
      .select({ id: assessments.id })
      .from(assessments)
      .where(and(eq(assessments.instituteId, instituteId), eq(assessments.externalId, candidate)))
      .get();
    if (!taken) return candidate;
  }
}

/** A paused project resumes once its re-assessment is approved. */
export function resumeProject(db: Db, actor: Actor, id: number, now: Date): void {
  requireRole(canSubmitRecords(actor.role), 'validation.readOnlyRole');
  step(db, now, (tx, audit) => {
    loadRecord(tx, actor, 'projects', id);
    const project = tx.select().from(projects).where(eq(projects.id, id)).get()!;
    if (project.status !== 'paused') refuse('invalid', 'status', 'workflow.notPaused');
    if (reassessmentState(tx, id).required) refuse('invalid', 'status', 'workflow.reassessmentPending');
    const after = { status: 'active' as const };
    tx.update(projects).set(after).where(eq(projects.id, id)).run();
    audit.push(entry(actor, 'projects', project, 'resume', picked(project, ['status']), after));
  });
}

// ─── Hazards ───────────────────────────────────────────────────────────────────────────────────────

/** The unit reports the hazard rectified: open → rectified, with the date and what was done. */
export function rectifyHazard(db: Db, actor: Actor, id: number, done: { rectifiedAt: Date; note?: string | null }, now: Date): void {
  requireRole(canSubmitRecords(actor.role), 'validation.readOnlyRole');
  step(db, now, (tx, audit) => {
    const row = loadRecord(tx, actor, 'hazards', id);
    if (row.status !== 'open') refuse('invalid', 'status', 'workflow.notOpen');
    if (done.rectifiedAt > now) refuse('invalid', 'rectifiedAt', 'validation.inFuture');
    if (done.rectifiedAt < (row.foundAt as Date)) refuse('invalid', 'rectifiedAt', 'validation.beforeFound');
    const after = { status: 'rectified' as const, rectifiedAt: done.rectifiedAt };
    tx.update(hazards).set(after).where(eq(hazards.id, id)).run();
    audit.push(
      entry(actor, 'hazards', row, 'rectify', picked(row, ['status', 'rectifiedAt']), {
        ...after,
        ...(blank(done.note) ? {} : { note: done.note!.trim() }),
      }),
    );
  });
}

/** A reviewer checks the rectification and verifies it: rectified → verified. */
export function verifyHazard(db: Db, actor: Actor, id: number, now: Date, note?: string | null): void {
  requireRole(canReview(actor.role), 'validation.reviewerOnly');
  step(db, now, (tx, audit) => {
    const row = loadRecord(tx, actor, 'hazards', id);
    if (row.status !== 'rectified') refuse('invalid', 'status', 'workflow.notRectified');
    const after = { status: 'verified' as const, verifiedAt: now, verifiedBy: actor.userId };
    tx.update(hazards).set(after).where(eq(hazards.id, id)).run();
    audit.push(
      entry(actor, 'hazards', row, 'verify', picked(row, ['status', 'verifiedAt', 'verifiedBy']), {
        ...after,
        ...(blank(note) ? {} : { note: note!.trim() }),
      }),
    );
  });
}

// ─── Incidents ─────────────────────────────────────────────────────────────────────────────────────

const incidentSteps = { reported: 'investigating', investigating: 'closed' } as const;

/**
 * reported → investigating → closed. Any submitter in scope opens the investigation; closing it is the
 * reviewer's confirmation (a tier the reporter set is confirmed by the reviewer, DOMAIN.md §6).
 */
export function advanceIncident(db: Db, actor: Actor, id: number, to: 'investigating' | 'closed', now: Date): void {
  requireRole(
    to === 'closed' ? canReview(actor.role) : canSubmitRecords(actor.role),
    to === 'closed' ? 'validation.reviewerOnly' : 'validation.readOnlyRole',
  );
  step(db, now, (tx, audit) => {
    const row = loadRecord(tx, actor, 'incidents', id);
    if (incidentSteps[row.status as keyof typeof incidentSteps] !== to) refuse('invalid', 'status', 'workflow.wrongIncidentStep');
    tx.update(incidents).set({ status: to }).where(eq(incidents.id, id)).run();
    audit.push(entry(actor, 'incidents', row, 'status', picked(row, ['status']), { status: to }));
  });
}

/** The safety office's finding that a unit concealed (瞒报) an incident, or the reversal of it. */
export function setIncidentConcealed(db: Db, actor: Actor, id: number, concealed: boolean, now: Date): void {
  requireRole(canMarkConcealed(actor.role), 'validation.officeOnly');
  step(db, now, (tx, audit) => {
    const row = loadRecord(tx, actor, 'incidents', id);
    if (row.status === 'withdrawn') refuse('invalid', 'status', 'workflow.withdrawn');
    if (row.concealed === concealed) return;
    tx.update(incidents).set({ concealed }).where(eq(incidents.id, id)).run();
    audit.push(entry(actor, 'incidents', row, concealed ? 'conceal' : 'unconceal', picked(row, ['concealed']), { concealed }));
  });
}

// ─── Every kind ────────────────────────────────────────────────────────────────────────────────────

/** Whether this role may withdraw a record in this state: decided assessments and verified hazards need a reviewer. */
export function canWithdraw(role: Actor['role'], kind: RecordKind, status: string): boolean {
  if (!canSubmitRecords(role) || status === 'withdrawn') return false;
  const decided =
    (kind === 'assessments' && (status === 'approved' || status === 'rejected')) || (kind === 'hazards' && status === 'verified');
  return decided ? canReview(role) : true;
}

/** Withdrawn records stay, marked, and stop counting; the reason goes into the audit log. */
export function withdrawRecord(db: Db, actor: Actor, kind: RecordKind, id: number, reason: string | null, now: Date): void {
  requireRole(canSubmitRecords(actor.role), 'validation.readOnlyRole');
  step(db, now, (tx, audit) => {
    const row = loadRecord(tx, actor, kind, id);
    if (row.status === 'withdrawn') refuse('invalid', 'status', 'workflow.withdrawn');
    if (!canWithdraw(actor.role, kind, String(row.status))) refuse('forbidden', '(role)', 'workflow.decidedReviewerOnly');
    const table = recordKinds[kind].table;
    tx.update(table)
      .set({ status: 'withdrawn' } as never)
      .where(eq(table.id, id))
      .run();
    audit.push(
      entry(actor, kind, row, 'withdraw', picked(row, ['status']), {
        status: 'withdrawn',
        ...(blank(reason) ? {} : { reason: reason!.trim() }),
      }),
    );
  });
}
