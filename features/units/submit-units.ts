import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Tx } from '@/db/tx';
import { first } from '@/db/engine';
import { units, unitKinds, type UnitKind } from '@/db/schema';
import { appendAudit, type AuditEntry } from '@/db/audit/audit-log';
import { unitByCode } from '@/db/units/units';
import { hasChildrenOrRecords, moveSubtreeToInstitute, rewriteSubtreePaths, unitCodeIgnoringCase } from '@/db/units/unit-moves';
import { canManageUnits } from '@/domain/auth/roles';
import type { Actor } from '@/domain/auth/actor';
import { auditValues } from '@/db/audit/chain';
import { issueMessage } from '@/domain/i18n/validation';
import { instant, opt, shortText, unitCode } from '@/domain/records/schema-parts';
import { keyed, same, SubmissionRefused, type ItemOutcome, type Problem } from '@/domain/records/submission';
import type { SubmissionResult } from '@/features/records/submit';
import { ratingsFollowWrites } from '@/features/rating/follow-writes';

export const unitInput = z.object({
  code: unitCode.regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'validation.unitCodeFormat'),
  name: z.string().trim().min(1).max(200),
  nameEn: opt(shortText),
  kind: z.enum(unitKinds),
  parentCode: opt(unitCode),
  activeFrom: opt(instant),
  activeTo: opt(instant),
});
export type UnitInput = z.output<typeof unitInput>;

// Which kind may sit under which (DOMAIN.md §2): academy → branch → institute → department. Real academies
// also have headquarters bureaus (机关局) and institutes attached straight to the academy: a bureau sits
// under the academy beside the branches, is not rated and files no records (only institutes do), and may
// have offices of its own; an institute under the academy needs no invented branch.
const allowedParents: Record<UnitKind, readonly (UnitKind | null)[]> = {
  academy: [null],
  branch: ['academy'],
  bureau: ['academy'],
  institute: ['branch', 'academy'],
  department: ['institute', 'department', 'bureau'],
};

type UnitRow = typeof units.$inferSelect;

/**
 * Creates or updates units by code, in order (a parent may come earlier in the same batch), all or
 * nothing. Moving a unit rewrites the materialised path of its whole subtree and, when it changes
 * institute, the rated institute of the records filed below it: in the same transaction. A batch that
 * moved a unit or added or changed an institute re-rates once it has committed (issue 15: reads never write).
 */
export async function submitUnits(db: Db, actor: Actor, items: readonly unknown[], now: Date): Promise<SubmissionResult> {
  if (!canManageUnits(actor.role))
    throw new SubmissionRefused('forbidden', [{ index: 0, field: '(role)', say: keyed('validation.officeOnly') }]);
  const inputs = parseUnits(items);
  let reRate = false;
  const result = await db.transaction(async (tx) => {
    const result: SubmissionResult = { created: 0, updated: 0, unchanged: 0, ids: [], outcomes: [] };
    const audit: AuditEntry[] = [];
    const problems: Problem[] = [];
    for (const index of parentsFirst(inputs)) {
      const fail: Fail = (field, key, params = {}) => problems.push({ index, field, say: keyed(key, params) });
      const stored = await storeUnit(tx, actor, inputs[index]!, fail);
      if (!stored) continue;
      result[stored.outcome]++;
      result.ids[index] = stored.id;
      result.outcomes[index] = stored.outcome;
      if (stored.audit) audit.push(stored.audit);
      if (stored.reRate) reRate = true;
    }
    // Throwing rolls the whole batch back.
    if (problems.length) throw new SubmissionRefused('invalid', problems);
    await appendAudit(tx, audit, now);
    return result;
  });
  if (reRate) await ratingsFollowWrites(db, now);
  return result;
}

type Fail = (field: string, key: string, params?: Record<string, string | number>) => void;
/** `reRate`: the change may move ratings (a move, or an institute added or changed). */
type Stored = { id: number; outcome: ItemOutcome; audit?: AuditEntry; reRate?: boolean };

function parseUnits(items: readonly unknown[]): UnitInput[] {
  const problems: Problem[] = [];
  const inputs: UnitInput[] = [];
  items.forEach((item, index) => {
    const r = unitInput.safeParse(item);
    if (r.success) inputs[index] = r.data;
    else
      for (const issue of r.error.issues)
        problems.push({ index, field: issue.path.join('.') || '(item)', say: (l) => issueMessage(issue, l) });
  });
  if (problems.length) throw new SubmissionRefused('invalid', problems);
  return inputs;
}

/** One unit of the batch, placed under its parent, created or updated; null when it cannot sit there. */
async function storeUnit(tx: Tx, actor: Actor, input: UnitInput, fail: Fail): Promise<Stored | null> {
  const before = await unitByCode(tx, input.code);
  const parent = input.parentCode ? await unitByCode(tx, input.parentCode) : undefined;
  if (input.parentCode && !parent) {
    fail('parentCode', 'validation.unknownUnit', { code: input.parentCode });
    return null;
  }
  const refusal = await placementRefusal(tx, input, before, parent);
  if (refusal) {
    fail(refusal.field, refusal.key, refusal.params);
    return null;
  }
  const instituteId = input.kind === 'institute' ? (before?.id ?? null) : input.kind === 'department' ? parent!.instituteId : null;
  const values = {
    name: input.name,
    ...(input.nameEn !== undefined ? { nameEn: input.nameEn } : {}),
    kind: input.kind,
    parentId: parent?.id ?? null,
    ...(input.activeFrom !== undefined ? { activeFrom: input.activeFrom } : {}),
    ...(input.activeTo !== undefined ? { activeTo: input.activeTo } : {}),
  };
  return before
    ? updateUnit(tx, actor, { input, before, parent, instituteId, values }, fail)
    : createUnit(tx, actor, { input, parent, instituteId, values });
}

interface Placement {
  input: UnitInput;
  parent: UnitRow | undefined;
  instituteId: number | null;
  values: Record<string, unknown> & { name: string; kind: UnitKind; parentId: number | null };
}

async function createUnit(tx: Tx, actor: Actor, { input, parent, instituteId, values }: Placement): Promise<Stored> {
  const row = first(
    await tx
      .insert(units)
      .values({ ...values, code: input.code, path: '/', instituteId })
      .returning(),
  )!;
  const path = `${parent?.path ?? '/'}${row.id}/`;
  await tx
    .update(units)
    .set({ path, instituteId: input.kind === 'institute' ? row.id : instituteId })
    .where(eq(units.id, row.id));
  return {
    id: row.id,
    outcome: 'created',
    reRate: input.kind === 'institute',
    audit: {
      actorUserId: actor.userId,
      action: 'units.create',
      entityKind: 'units',
      entityId: row.id,
      unitId: row.id,
      before: null,
      after: auditValues({ ...values, code: input.code }),
    },
  };
}

async function updateUnit(tx: Tx, actor: Actor, p: Placement & { before: UnitRow }, fail: Fail): Promise<Stored> {
  const { input, before, parent, instituteId, values } = p;
  const changed = Object.entries(values).filter(([k, v]) => !same((before as Record<string, unknown>)[k], v));
  if (changed.length === 0) return { id: before.id, outcome: 'unchanged' };
  // A kind change (allowed only while nothing hangs below the unit) also changes what it rolls up to.
  const kindChange = before.kind !== input.kind ? { instituteId: input.kind === 'institute' ? before.id : instituteId } : {};
  await tx
    .update(units)
    .set({ ...values, ...kindChange })
    .where(eq(units.id, before.id));
  const moves = before.parentId !== (parent?.id ?? null);
  if (moves) {
    const moved = await moveSubtree(
      tx,
      before,
      `${parent?.path ?? '/'}${before.id}/`,
      input.kind === 'institute' ? before.id : instituteId,
    );
    if (moved) fail('parentCode', moved);
  }
  return {
    id: before.id,
    outcome: 'updated',
    // An institute's dates decide whether it is rated at all (RATING.md §2); its kind change too.
    reRate: moves || before.kind === 'institute' || input.kind === 'institute',
    audit: {
      actorUserId: actor.userId,
      action: 'units.update',
      entityKind: 'units',
      entityId: before.id,
      unitId: before.id,
      before: auditValues(Object.fromEntries(changed.map(([k]) => [k, (before as Record<string, unknown>)[k]]))),
      after: auditValues(Object.fromEntries(changed)),
    },
  };
}

/**
 * The order to store a batch in: a unit whose parent is also in the batch comes after it, whatever order
 * it was sent in (a unit list exported from another system is rarely sorted by depth). Otherwise the
 * order sent; a cycle inside the batch is left as sent and refused by the checks.
 */
export function parentsFirst(inputs: readonly Pick<UnitInput, 'code' | 'parentCode'>[]): number[] {
  const byCode = new Map(inputs.map((u, i) => [u.code, i]));
  const order: number[] = [];
  const state = new Map<number, 'visiting' | 'done'>();
  const visit = (i: number) => {
    if (state.get(i)) return;
    state.set(i, 'visiting');
    const parent = inputs[i]!.parentCode ? byCode.get(inputs[i]!.parentCode!) : undefined;
    if (parent !== undefined && parent !== i && !state.get(parent)) visit(parent);
    state.set(i, 'done');
    order.push(i);
  };
  inputs.forEach((_, i) => visit(i));
  return order;
}

/** Why a unit cannot sit where the batch puts it, if it cannot. */
async function placementRefusal(
  tx: Tx,
  input: UnitInput,
  before: UnitRow | undefined,
  parent: UnitRow | undefined,
): Promise<{ field: string; key: string; params?: Record<string, string> } | null> {
  if (!allowedParents[input.kind].includes(parent?.kind ?? null))
    return { field: 'parentCode', key: 'validation.wrongParentKind', params: { kind: input.kind } };
  if (before && parent && `${parent.path}`.startsWith(before.path)) return { field: 'parentCode', key: 'validation.cycle' };
  if (before && before.kind !== input.kind && (await hasChildrenOrRecords(tx, before)))
    return { field: 'kind', key: 'validation.kindLocked' };
  if (!before) {
    // Codes are case-sensitive; a code that differs from an existing one only in case is almost always a typo.
    const twin = await unitCodeIgnoringCase(tx, input.code);
    if (twin) return { field: 'code', key: 'validation.unitCodeCase', params: { code: twin } };
  }
  return null;
}

/**
 * Rewrites the paths below a moved unit and, if the subtree now rolls up to another institute, the
 * records filed in it. Returns a message key when the move would merge two institutes' externalIds.
 */
async function moveSubtree(tx: Tx, unit: UnitRow, newPath: string, newInstituteId: number | null): Promise<string | null> {
  await rewriteSubtreePaths(tx, unit.path, newPath);
  if (unit.kind !== 'department' || newInstituteId === unit.instituteId) return null;
  return (await moveSubtreeToInstitute(tx, newPath, newInstituteId)) ? null : 'validation.moveClash';
}
