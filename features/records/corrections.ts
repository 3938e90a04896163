import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { RecordKind } from '@/db/records/record-kinds';
import { recordCorrections } from '@/db/schema';
import { canReview, canSubmitRecords } from '@/domain/auth/roles';
import type { Actor } from '@/domain/auth/actor';
import { dimensionRows } from '@/features/records/assessment-dimensions';
import { correctionLevel, proposable, reviewsAt, sealOf } from '@/domain/records/seal-rules';
import { planEdit, submitWithin } from '@/features/records/submit';
import { blank, entry, loadRecord, refuse, requireRole, step } from '@/features/records/workflow-step';
import { first } from '@/db/engine';
import type { Db, Queryable } from '@/db/tx';

// Corrections to sealed records (decision 023): the submitting unit proposes, a reviewer of the seal's
// level (never the proposer) accepts — the change then goes through submitRecords as the reviewer, in
// the same transaction — or refuses with a comment. Both are audited on the record.

/** A fingerprint of the record as stored (and its dimensions): accepting a proposal made on another version is refused. */
async function fingerprint(tx: Queryable, kind: RecordKind, row: Record<string, unknown> & { id: number }): Promise<string> {
  const { updatedAt: _updatedAt, ...rest } = row;
  const dims = kind === 'assessments' ? (await dimensionRows(tx, row.id)).sort((a, b) => a.dimension.localeCompare(b.dimension)) : null;
  return createHash('sha256')
    .update(JSON.stringify([rest, dims]))
    .digest('hex');
}

/**
 * Proposes `item` (the record as it should be, in the API's JSON form, validated by the kind's schema) as a
 * correction of a sealed record. Only sealed fields and free fields may differ; review fields and the
 * status are reviewers' steps, not corrections. Answers the correction's id.
 */
export async function proposeCorrection(
  db: Db,
  actor: Actor,
  kind: RecordKind,
  recordId: number,
  proposal: { item: Record<string, unknown>; reason: string },
  now: Date,
): Promise<number> {
  requireRole(canSubmitRecords(actor.role), 'validation.readOnlyRole');
  return step(db, now, async (tx, audit) => {
    const row = await loadRecord(tx, actor, kind, recordId);
    if (!sealOf(kind, row)) refuse('invalid', '(record)', 'seal.notSealed');
    if (blank(proposal.reason)) refuse('invalid', 'reason', 'validation.required');
    const planned = await planEdit(tx, actor, kind, proposal.item, now);
    if (planned.id !== recordId) refuse('invalid', 'unitCode', 'validation.otherInstitute');
    const fields = Object.keys(planned.changes);
    if (fields.length === 0) refuse('invalid', '(record)', 'seal.nothingToCorrect');
    const bad = fields.find((f) => !proposable(kind, f));
    if (bad) refuse('invalid', bad, 'seal.notProposable');
    const recordHash = await fingerprint(tx, kind, row);
    const inserted = await tx
      .insert(recordCorrections)
      .values({
        kind,
        recordId,
        unitId: row.unitId,
        instituteId: row.instituteId as number,
        proposedBy: actor.userId,
        proposedAt: now,
        reason: proposal.reason.trim(),
        changes: planned.changes,
        item: proposal.item,
        recordHash,
      })
      .returning({ id: recordCorrections.id });
    const id = first(inserted)!.id;
    audit.push(
      entry(actor, kind, row, 'correction_propose', {}, { correctionId: id, reason: proposal.reason.trim(), changes: planned.changes }),
    );
    return id;
  });
}

/** The record a decided correction belongs to. */
export interface Decided {
  kind: RecordKind;
  recordId: number;
}

/** Loads a pending correction and its record for a decision by `actor`, or refuses. */
async function forDecision(tx: Queryable, actor: Actor, id: number) {
  const correction = first(await tx.select().from(recordCorrections).where(eq(recordCorrections.id, id)).limit(1));
  // To a scoped user a correction that does not exist looks like one outside the scope (as records do).
  if (!correction)
    return actor.scope.all ? refuse('invalid', '(record)', 'workflow.notFound') : refuse('forbidden', '(record)', 'workflow.outsideScope');
  const kind = correction.kind as RecordKind;
  const row = await loadRecord(tx, actor, kind, correction.recordId);
  if (correction.status !== 'proposed') refuse('invalid', '(record)', 'seal.alreadyDecided');
  if (correction.proposedBy === actor.userId) refuse('forbidden', '(role)', 'seal.ownProposal');
  const level = correctionLevel(kind, row) ?? 'unit';
  if (!reviewsAt(actor.role, level))
    refuse('forbidden', '(role)', level === 'office' ? 'validation.officeOnly' : 'validation.reviewerOnly');
  return { correction, kind, row };
}

/** A reviewer of the seal's level accepts: the proposed record is written as the reviewer, audited before and after. */
export async function acceptCorrection(db: Db, actor: Actor, id: number, comment: string | null, now: Date): Promise<Decided> {
  requireRole(canReview(actor.role), 'validation.reviewerOnly');
  return step(db, now, async (tx, audit) => {
    const { correction, kind, row } = await forDecision(tx, actor, id);
    if ((await fingerprint(tx, kind, row)) !== correction.recordHash) refuse('invalid', '(record)', 'seal.stale');
    await submitWithin(tx, actor, kind, [correction.item], { now, source: 'correction', auditNote: { correctionId: id } });
    const decision = {
      status: 'accepted' as const,
      decidedBy: actor.userId,
      decidedAt: now,
      decisionComment: blank(comment) ? null : comment!.trim(),
    };
    await tx.update(recordCorrections).set(decision).where(eq(recordCorrections.id, id));
    audit.push(entry(actor, kind, row, 'correction_accept', { correctionId: id, status: 'proposed' }, { correctionId: id, ...decision }));
    return { kind, recordId: row.id };
  });
}

/** A reviewer of the seal's level refuses, with a comment; the record does not change. */
export async function refuseCorrection(db: Db, actor: Actor, id: number, comment: string, now: Date): Promise<Decided> {
  requireRole(canReview(actor.role), 'validation.reviewerOnly');
  if (blank(comment)) refuse('invalid', 'comment', 'validation.commentRequired');
  return step(db, now, async (tx, audit) => {
    const { kind, row } = await forDecision(tx, actor, id);
    const decision = { status: 'refused' as const, decidedBy: actor.userId, decidedAt: now, decisionComment: comment.trim() };
    await tx.update(recordCorrections).set(decision).where(eq(recordCorrections.id, id));
    audit.push(entry(actor, kind, row, 'correction_refuse', { correctionId: id, status: 'proposed' }, { correctionId: id, ...decision }));
    return { kind, recordId: row.id };
  });
}
