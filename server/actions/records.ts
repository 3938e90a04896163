'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { readRecord } from '@/db/records/read';
import { recordKindCodes, type RecordKind } from '@/db/records/record-kinds';
import { listDimensions } from '@/db/reference/reference';
import { canSubmitRecords } from '@/domain/auth/roles';
import type { Actor } from '@/domain/auth/actor';
import { FieldProblem } from '@/domain/errors';
import { raiseFormTier } from '@/features/records/form-tier';
import { proposeCorrection } from '@/features/records/corrections';
import { submitRecords } from '@/features/records/submit';
import type { Planned } from '@/features/records/plan-writes';
import { ratingsFollowWrites } from '@/features/rating/follow-writes';
import { SubmissionRefused, type ItemOutcome } from '@/domain/records/submission';
import { WorkflowRefused } from '@/features/records/workflow';
import type { Db } from '@/db/tx';
import type { Locale } from '@/domain/i18n/locales';
import { translate } from '@/domain/i18n/translate';
import { recordAction } from '@/server/actions/safe-action';
import { formFields, itemFromForm } from '@/features/records/form-spec';
import { parseInstant } from '@/domain/records/instant';

// The record kind travels as `recordKind`: `kind` is a field of inspections (supervision, self-inspection, …).
const saveSchema = z.looseObject({
  recordKind: z.enum(recordKindCodes),
  id: z
    .string()
    .regex(/^\d{0,15}$/)
    .optional(),
  intent: z.enum(['draft', 'submit']).optional(),
  // A sealed record's form proposes a correction instead (decision 023).
  propose: z.literal('1').optional(),
  correctionReason: z.string().max(10_000).optional(),
});

export interface SavedRecord {
  kind: RecordKind;
  id: number;
  outcome: ItemOutcome | 'proposed';
  /** The tier the reporter chose when the figures raised it. */
  raisedFrom?: number;
}

/** Whether a record may still be changed through its form, and if not, why (a message key). */
function lockedBecause(kind: RecordKind, record: Record<string, unknown>): string | null {
  if (record.status === 'withdrawn') return 'recordForms.lockedWithdrawn';
  if (kind === 'assessments' && (record.status === 'approved' || record.status === 'withdrawn')) return 'recordForms.lockedDecided';
  return null;
}

async function editable(db: Db, actor: Actor, kind: RecordKind, id: number, proposing: boolean): Promise<Record<string, unknown>> {
  const access = await readRecord(db, actor.scope, kind, id);
  if (access.status === 'forbidden') throw new WorkflowRefused('forbidden', [{ field: '(record)', key: 'workflow.outsideScope' }]);
  if (access.status === 'missing') throw new WorkflowRefused('invalid', [{ field: '(record)', key: 'workflow.notFound' }]);
  // A correction is proposed precisely for a record its form may no longer edit (but never a withdrawn one).
  const locked = proposing && access.record.status !== 'withdrawn' ? null : lockedBecause(kind, access.record);
  if (locked) throw new WorkflowRefused('invalid', [{ field: '(record)', key: locked }]);
  return access.record;
}

/**
 * An assessment's dimensions from the form (`dim.<code>.<field>`): a dimension with nothing entered is
 * left out (a draft may be partial); the output-stage dimensions only at the output stage.
 */
async function dimensionsFromForm(
  db: Db,
  raw: Record<string, unknown>,
): Promise<{ dimensions: Record<string, unknown>[]; codes: string[] }> {
  const stage = String(raw.stage ?? '');
  const codes: string[] = [];
  const dimensions: Record<string, unknown>[] = [];
  for (const d of await listDimensions(db)) {
    if (d.stage === 'output' && stage !== 'output') continue;
    const part = (f: string) => String(raw[`dim.${d.code}.${f}`] ?? '').trim();
    if (!['likelihood', 'impact', 'riskPoints', 'consequences', 'measures'].some((f) => part(f))) continue;
    const score = (f: string) => (/^\d+$/.test(part(f)) ? Number(part(f)) : part(f) || undefined);
    dimensions.push({
      dimension: d.code,
      likelihood: score('likelihood'),
      impact: score('impact'),
      riskPoints: part('riskPoints') || undefined,
      consequences: part('consequences') || undefined,
      measures: part('measures') || undefined,
    });
    codes.push(d.code);
  }
  return { dimensions, codes };
}

/**
 * `dimensions.2.likelihood` → `dim.data.likelihood`: the form's name for the input a problem is about; a
 * dimension with text but no cell picked is told to pick one.
 */
function onDimensionInputs(error: unknown, codes: string[], raw: Record<string, unknown>): unknown {
  if (!(error instanceof SubmissionRefused)) return error;
  return new SubmissionRefused(
    error.reason,
    error.problems.map((p) => {
      const m = /^dimensions\.(\d+)(?:\.(\w+))?$/.exec(p.field);
      const code = m ? codes[Number(m[1])] : undefined;
      if (!m || !code) return p;
      const part = !m[2] || m[2] === 'dimension' ? 'likelihood' : m[2];
      const unpicked = (part === 'likelihood' || part === 'impact') && !raw[`dim.${code}.${part}`];
      return { ...p, field: `dim.${code}.${part}`, say: unpicked ? (l: Locale) => translate(l, 'validation.pickCell') : p.say };
    }),
  );
}

/**
 * A `datetime-local` input shows minutes only: a time sent back in the minute it is stored in keeps its stored
 * seconds, so resending a form unchanged changes nothing (and a correction does not move a sealed time).
 */
function keepStoredSeconds(kind: RecordKind, item: Record<string, unknown>, existing: Record<string, unknown>): void {
  for (const f of formFields[kind]) {
    const stored = existing[f.code];
    const sent = item[f.code];
    if (f.input !== 'datetime' || !(stored instanceof Date) || typeof sent !== 'string') continue;
    const parsed = parseInstant(sent);
    if (parsed.ok && Math.floor(parsed.value.getTime() / 60_000) === Math.floor(stored.getTime() / 60_000))
      item[f.code] = stored.toISOString();
  }
}

/** Creates or edits one record of any kind through the same write path as the API and imports. */
export const saveRecordAction = recordAction(
  { schema: saveSchema, allow: (actor) => canSubmitRecords(actor.role) },
  async (input, { actor, db }): Promise<SavedRecord> => {
    const kind = input.recordKind;
    const raw = input as Record<string, unknown>;
    const now = new Date();
    const proposing = input.propose === '1';
    if (proposing && !input.id) throw new WorkflowRefused('invalid', [{ field: '(record)', key: 'workflow.notFound' }]);
    const existing = input.id ? await editable(db, actor, kind, Number(input.id), proposing) : null;
    const item = itemFromForm(kind, raw as Record<string, string>, existing !== null);
    if (existing) keepStoredSeconds(kind, item, existing);
    // A record's key within its institute does not change through its form.
    if (existing && kind === 'ethics-annual-reports') item.year = existing.year;
    else if (existing) item.externalId = existing.externalId;

    let codes: string[] = [];
    if (kind === 'assessments') {
      const dims = await dimensionsFromForm(db, raw);
      codes = dims.codes;
      item.dimensions = dims.dimensions;
      if (proposing) item.status = existing!.status;
      else {
        item.status = input.intent === 'submit' ? 'submitted' : 'draft';
        if (input.intent === 'submit' && existing?.status !== 'submitted') item.submittedAt = now.toISOString();
      }
    }

    const raisedFrom = kind === 'incidents' ? await raiseFormTier(db, item, existing) : undefined;

    if (proposing) {
      try {
        await proposeCorrection(db, actor, kind, existing!.id as number, { item, reason: input.correctionReason ?? '' }, now);
      } catch (error) {
        throw kind === 'assessments' ? onDimensionInputs(error, codes, raw) : error;
      }
      return { kind, id: existing!.id as number, outcome: 'proposed', raisedFrom };
    }
    // A new record must not silently update one that already has its reference, and an edit must stay the
    // same record (a unit in another institute would make it a new one) and still be editable: checked
    // inside the write transaction, so a record created, moved or decided since the form was read counts.
    const expect = (plan: readonly Planned[]) => {
      const stored = plan[0]?.existing;
      if (!existing && stored) {
        throw kind === 'ethics-annual-reports'
          ? new FieldProblem('year', 'validation.reportYearTaken', { year: String(item.year) })
          : new FieldProblem('externalId', 'validation.externalIdTaken', { ref: String(item.externalId) });
      }
      if (!existing) return;
      if (stored?.id !== existing.id) throw new FieldProblem('unitCode', 'validation.otherInstitute');
      const locked = lockedBecause(kind, stored!);
      if (locked) throw new WorkflowRefused('invalid', [{ field: '(record)', key: locked }]);
    };
    try {
      const result = await submitRecords(db, actor, kind, [item], { now, source: 'form', expect });
      await ratingsFollowWrites(db, now);
      revalidatePath(`/records/${kind}`);
      return { kind, id: result.ids[0]!, outcome: result.outcomes[0]!, raisedFrom };
    } catch (error) {
      throw kind === 'assessments' ? onDimensionInputs(error, codes, raw) : error;
    }
  },
);
