import { eq } from 'drizzle-orm';
import type { Db, Tx } from '@/db/tx';
import { assessmentDimensions, assessments, hazards, incidents, riskDimensions } from '@/db/schema';
import { recordKinds, type RecordKind } from '@/db/records/record-kinds';
import { canMarkConcealed, canReview, canSubmitRecords } from '@/domain/auth/roles';
import type { Actor } from '@/domain/auth/actor';
import { mayWithdraw } from '@/domain/records/seal-rules';
import { blank, entry, guard, loadRecord, picked, refuse, requireRole, step } from '@/features/records/workflow-step';

// The CAS workflow steps the interface offers (CAS §5-6): reviewing assessments, the gates before a
// project starts, major changes, rectification and its verification, incident handling, withdrawal.
// Each step is one IMMEDIATE transaction that checks role and scope like submitRecords, changes the
// record and appends an audit entry with the values before and after. The API may still store facts
// that break these rules (a project started without approval is a violation to count, not to hide);
// the gates are for people working in the interface.

export { WorkflowRefused, type WorkflowProblem } from '@/features/records/workflow-step';
export {
  missingStartGates,
  reassessmentState,
  recordMajorChange,
  resumeProject,
  startProject,
  type Reassessment,
} from '@/features/records/workflow-projects';

// ─── Assessments ───────────────────────────────────────────────────────────────────────────────────

/** A draft (or a rejected assessment, once reworked) goes to review; it must cover every CAS dimension. */
export async function submitAssessment(db: Db, actor: Actor, id: number, now: Date): Promise<void> {
  requireRole(canSubmitRecords(actor.role), 'validation.readOnlyRole');
  await step(db, now, async (tx, audit) => {
    const row = await loadRecord(tx, actor, 'assessments', id);
    if (row.status !== 'draft' && row.status !== 'rejected') refuse('invalid', 'status', 'workflow.notDraft');
    guard(actor, 'assessments', row, { fields: ['status', 'submittedAt'], status: 'submitted' });
    const stored = await tx
      .select({ d: assessmentDimensions.dimension })
      .from(assessmentDimensions)
      .where(eq(assessmentDimensions.assessmentId, id));
    const have = new Set(stored.map((r) => r.d));
    const required = await tx.select({ code: riskDimensions.code }).from(riskDimensions).where(eq(riskDimensions.stage, 'all'));
    const missing = required.map((d) => d.code).filter((c) => !have.has(c));
    if (missing.length) refuse('invalid', 'dimensions', 'workflow.missingDimensions', { n: missing.length });
    const after = { status: 'submitted' as const, submittedAt: now };
    await tx.update(assessments).set(after).where(eq(assessments.id, id));
    audit.push(entry(actor, 'assessments', row, 'submit', picked(row, ['status', 'submittedAt']), after));
  });
}

/** The unit's research management approves, or rejects with a comment (CAS §5(1)). */
export async function decideAssessment(
  db: Db,
  actor: Actor,
  id: number,
  decision: { approve: boolean; comment?: string | null },
  now: Date,
): Promise<void> {
  requireRole(canReview(actor.role), 'validation.reviewerOnly');
  await step(db, now, async (tx, audit) => {
    const row = await loadRecord(tx, actor, 'assessments', id);
    if (row.status !== 'submitted') refuse('invalid', 'status', 'workflow.notSubmitted');
    const comment = blank(decision.comment) ? null : decision.comment!.trim();
    if (!decision.approve && !comment) refuse('invalid', 'comment', 'validation.commentRequired');
    const status = decision.approve ? 'approved' : 'rejected';
    guard(actor, 'assessments', row, { fields: ['status', 'decidedAt', 'decidedBy', 'reviewComment'], status });
    const after = {
      status: decision.approve ? 'approved' : 'rejected',
      decidedAt: now,
      decidedBy: actor.userId,
      reviewComment: comment,
    } as const;
    await tx.update(assessments).set(after).where(eq(assessments.id, id));
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

// ─── Hazards ───────────────────────────────────────────────────────────────────────────────────────

/** The unit reports the hazard rectified: open → rectified, with the date and what was done. */
export async function rectifyHazard(
  db: Db,
  actor: Actor,
  id: number,
  done: { rectifiedAt: Date; note?: string | null },
  now: Date,
): Promise<void> {
  requireRole(canSubmitRecords(actor.role), 'validation.readOnlyRole');
  await step(db, now, async (tx, audit) => {
    const row = await loadRecord(tx, actor, 'hazards', id);
    if (row.status !== 'open') refuse('invalid', 'status', 'workflow.notOpen');
    if (done.rectifiedAt > now) refuse('invalid', 'rectifiedAt', 'validation.inFuture');
    if (done.rectifiedAt < (row.foundAt as Date)) refuse('invalid', 'rectifiedAt', 'validation.beforeFound');
    guard(actor, 'hazards', row, { fields: ['status', 'rectifiedAt'], status: 'rectified' });
    const after = { status: 'rectified' as const, rectifiedAt: done.rectifiedAt };
    await tx.update(hazards).set(after).where(eq(hazards.id, id));
    audit.push(
      entry(actor, 'hazards', row, 'rectify', picked(row, ['status', 'rectifiedAt']), {
        ...after,
        ...(blank(done.note) ? {} : { note: done.note!.trim() }),
      }),
    );
  });
}

/** A reviewer checks the rectification and verifies it: rectified → verified. */
export async function verifyHazard(db: Db, actor: Actor, id: number, now: Date, note?: string | null): Promise<void> {
  requireRole(canReview(actor.role), 'validation.reviewerOnly');
  await step(db, now, async (tx, audit) => {
    const row = await loadRecord(tx, actor, 'hazards', id);
    if (row.status !== 'rectified') refuse('invalid', 'status', 'workflow.notRectified');
    guard(actor, 'hazards', row, { fields: ['status', 'verifiedAt', 'verifiedBy'], status: 'verified' });
    const after = { status: 'verified' as const, verifiedAt: now, verifiedBy: actor.userId };
    await tx.update(hazards).set(after).where(eq(hazards.id, id));
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
export async function advanceIncident(db: Db, actor: Actor, id: number, to: 'investigating' | 'closed', now: Date): Promise<void> {
  requireRole(
    to === 'closed' ? canReview(actor.role) : canSubmitRecords(actor.role),
    to === 'closed' ? 'validation.reviewerOnly' : 'validation.readOnlyRole',
  );
  await step(db, now, async (tx, audit) => {
    const row = await loadRecord(tx, actor, 'incidents', id);
    if (incidentSteps[row.status as keyof typeof incidentSteps] !== to) refuse('invalid', 'status', 'workflow.wrongIncidentStep');
    guard(actor, 'incidents', row, { fields: ['status'], status: to });
    await tx.update(incidents).set({ status: to }).where(eq(incidents.id, id));
    audit.push(entry(actor, 'incidents', row, 'status', picked(row, ['status']), { status: to }));
  });
}

/** The safety office's finding that a unit concealed (瞒报) an incident, or the reversal of it. */
export async function setIncidentConcealed(db: Db, actor: Actor, id: number, concealed: boolean, now: Date): Promise<void> {
  requireRole(canMarkConcealed(actor.role), 'validation.officeOnly');
  await step(db, now, async (tx, audit) => {
    const row = await loadRecord(tx, actor, 'incidents', id);
    if (row.status === 'withdrawn') refuse('invalid', 'status', 'workflow.withdrawn');
    if (row.concealed === concealed) return;
    guard(actor, 'incidents', row, { fields: ['concealed'] });
    await tx.update(incidents).set({ concealed }).where(eq(incidents.id, id));
    audit.push(entry(actor, 'incidents', row, concealed ? 'conceal' : 'unconceal', picked(row, ['concealed']), { concealed }));
  });
}

// ─── Ethics records ────────────────────────────────────────────────────────────────────────────────

const ethicsKinds: readonly RecordKind[] = ['ethics-committees', 'ethics-activities', 'ethics-annual-reports'];

/**
 * A unit reviewer accepts an ethics filing: active → accepted, which seals it (decision 023). Who and when
 * are kept in the audit entry only; `accepted` counts in the rating exactly as `active` does.
 */
export async function acceptEthicsRecord(db: Db, actor: Actor, kind: RecordKind, id: number, now: Date): Promise<void> {
  requireRole(canReview(actor.role), 'validation.reviewerOnly');
  if (!ethicsKinds.includes(kind)) refuse('invalid', 'kind', 'workflow.notEthics');
  await step(db, now, async (tx, audit) => {
    const row = await loadRecord(tx, actor, kind, id);
    if (row.status !== 'active') refuse('invalid', 'status', 'workflow.notActive');
    guard(actor, kind, row, { fields: ['status'], status: 'accepted' });
    await setStatus(tx, kind, id, 'accepted');
    audit.push(
      entry(actor, kind, row, 'accept', picked(row, ['status']), { status: 'accepted', acceptedBy: actor.userId, acceptedAt: now }),
    );
  });
}

/** A record's status, whichever kind's table holds it (the step has judged the change already). */
async function setStatus(tx: Tx, kind: RecordKind, id: number, status: 'accepted' | 'withdrawn'): Promise<void> {
  const table = recordKinds[kind].table;
  await tx
    .update(table)
    .set({ status } as never)
    .where(eq(table.id, id));
}

// ─── Every kind ────────────────────────────────────────────────────────────────────────────────────

/** Whether this role may withdraw a record in this state (the seal table decides: domain/records/seal-rules.ts). */
export function canWithdraw(role: Actor['role'], kind: RecordKind, row: Record<string, unknown>): boolean {
  return canSubmitRecords(role) && mayWithdraw(kind, row, role);
}

/** Withdrawn records stay, marked, and stop counting; the reason goes into the audit log. */
export async function withdrawRecord(db: Db, actor: Actor, kind: RecordKind, id: number, reason: string | null, now: Date): Promise<void> {
  requireRole(canSubmitRecords(actor.role), 'validation.readOnlyRole');
  await step(db, now, async (tx, audit) => {
    const row = await loadRecord(tx, actor, kind, id);
    if (row.status === 'withdrawn') refuse('invalid', 'status', 'workflow.withdrawn');
    guard(actor, kind, row, { fields: ['status'], status: 'withdrawn' });
    await setStatus(tx, kind, id, 'withdrawn');
    audit.push(
      entry(actor, kind, row, 'withdraw', picked(row, ['status']), {
        status: 'withdrawn',
        ...(blank(reason) ? {} : { reason: reason!.trim() }),
      }),
    );
  });
}
