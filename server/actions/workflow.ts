'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { recordKindCodes, type RecordKind } from '@/db/records/record-kinds';
import { canMarkConcealed, canReview, canSubmitRecords } from '@/domain/auth/roles';
import type { Actor } from '@/domain/auth/actor';
import { instant } from '@/domain/records/instant';
import {
  acceptEthicsRecord,
  advanceIncident,
  decideAssessment,
  recordMajorChange,
  rectifyHazard,
  resumeProject,
  setIncidentConcealed,
  startProject,
  submitAssessment,
  verifyHazard,
  withdrawRecord,
} from '@/features/records/workflow';
import { recordAction } from '@/server/actions/safe-action';

// The workflow steps as server actions: each checks the role here (so leadership's posts are refused
// before anything runs) and again, with the record's scope and state, in features/records/workflow.ts
// (which also has the ratings follow each committed step).

const id = z.coerce.number().int().positive();
const note = z.string().max(10_000).optional();
const submitters = { allow: (actor: Actor) => canSubmitRecords(actor.role) };
const reviewers = { allow: (actor: Actor) => canReview(actor.role) };

function done(kind: RecordKind, recordId: number) {
  revalidatePath(`/records/${kind}/${recordId}`);
  revalidatePath(`/records/${kind}`);
  return { kind, id: recordId };
}

export const submitAssessmentAction = recordAction({ schema: z.object({ id }), ...submitters }, async (input, { actor, db }) => {
  await submitAssessment(db, actor, input.id, new Date());
  return done('assessments', input.id);
});

export const decideAssessmentAction = recordAction(
  { schema: z.object({ id, decision: z.enum(['approve', 'reject']), comment: note }), ...reviewers },
  async (input, { actor, db }) => {
    await decideAssessment(db, actor, input.id, { approve: input.decision === 'approve', comment: input.comment }, new Date());
    return done('assessments', input.id);
  },
);

export const startProjectAction = recordAction(
  { schema: z.object({ id, startedAt: instant }), ...submitters },
  async (input, { actor, db }) => {
    await startProject(db, actor, input.id, input.startedAt, new Date());
    return done('projects', input.id);
  },
);

export const majorChangeAction = recordAction(
  { schema: z.object({ id, changedAt: instant, note: z.string().max(10_000), pause: z.string().optional() }), ...submitters },
  async (input, { actor, db }) => {
    const result = await recordMajorChange(
      db,
      actor,
      input.id,
      { changedAt: input.changedAt, note: input.note, pause: Boolean(input.pause) },
      new Date(),
    );
    revalidatePath(`/records/assessments/${result.assessmentId}`);
    return { ...done('projects', input.id), assessmentId: result.assessmentId };
  },
);

export const resumeProjectAction = recordAction({ schema: z.object({ id }), ...submitters }, async (input, { actor, db }) => {
  await resumeProject(db, actor, input.id, new Date());
  return done('projects', input.id);
});

export const rectifyHazardAction = recordAction(
  { schema: z.object({ id, rectifiedAt: instant, note }), ...submitters },
  async (input, { actor, db }) => {
    await rectifyHazard(db, actor, input.id, { rectifiedAt: input.rectifiedAt, note: input.note }, new Date());
    return done('hazards', input.id);
  },
);

export const verifyHazardAction = recordAction({ schema: z.object({ id, note }), ...reviewers }, async (input, { actor, db }) => {
  await verifyHazard(db, actor, input.id, new Date(), input.note);
  return done('hazards', input.id);
});

export const advanceIncidentAction = recordAction(
  { schema: z.object({ id, to: z.enum(['investigating', 'closed']) }), ...submitters },
  async (input, { actor, db }) => {
    await advanceIncident(db, actor, input.id, input.to, new Date());
    return done('incidents', input.id);
  },
);

export const concealIncidentAction = recordAction(
  { schema: z.object({ id, concealed: z.enum(['true', 'false']) }), allow: (actor) => canMarkConcealed(actor.role) },
  async (input, { actor, db }) => {
    await setIncidentConcealed(db, actor, input.id, input.concealed === 'true', new Date());
    return done('incidents', input.id);
  },
);

export const withdrawRecordAction = recordAction(
  { schema: z.object({ id, kind: z.enum(recordKindCodes), reason: note }), ...submitters },
  async (input, { actor, db }) => {
    await withdrawRecord(db, actor, input.kind, input.id, input.reason ?? null, new Date());
    return done(input.kind, input.id);
  },
);

export const acceptEthicsAction = recordAction(
  { schema: z.object({ id, kind: z.enum(['ethics-committees', 'ethics-activities', 'ethics-annual-reports']) }), ...reviewers },
  async (input, { actor, db }) => {
    await acceptEthicsRecord(db, actor, input.kind, input.id, new Date());
    return done(input.kind, input.id);
  },
);
