import { appendAudit, type AuditEntry } from '@/db/audit/audit-log';
import { entryWithUnit, insertConfirmedEntry, setEntryStatus, unitByCodeForEntry } from '@/db/rating/warning-list';
import type { Actor } from '@/domain/auth/actor';
import { canManageRatings } from '@/domain/auth/rating-permissions';
import { FieldProblem } from '@/domain/errors';
import { WARNING_ENTRY_KIND } from '@/domain/rating/warning-list';
import type { Db, Tx } from '@/db/tx';

// The office's changes to the warning list: confirm a proposal, lift an entry, add one. Each checks the
// role and the actor's scope, runs in one write transaction and leaves an audit entry; the first audit
// entry of an entry names who proposed or added it, so the chain is the one source of it.

function entryAudit(actor: Actor, action: string, entry: { id: number; unitId: number }, before: unknown, after: unknown): AuditEntry {
  return { actorUserId: actor.userId, action, entityKind: WARNING_ENTRY_KIND, entityId: entry.id, unitId: entry.unitId, before, after };
}

/** Audit entries for proposals made by publishing (the publisher proposed them). */
export function proposalAudits(actor: Actor, entries: readonly { id: number; unitId: number }[]): AuditEntry[] {
  return entries.map((e) => entryAudit(actor, 'warning_list.propose', e, null, { status: 'proposed' }));
}

function requireOffice(actor: Actor): void {
  if (!canManageRatings(actor.role)) throw new FieldProblem('(form)', 'validation.officeOnly');
}

const inActorScope = (actor: Actor, unitId: number) => actor.scope.all || actor.scope.unitIds.includes(unitId);

// An entry the actor may change: the office only, and within its scope (an entry outside it is refused
// as if it did not exist, like records).
async function entryForChange(tx: Tx, actor: Actor, id: number) {
  requireOffice(actor);
  const entry = await entryWithUnit(tx, id);
  if (!entry) throw new FieldProblem('id', 'validation.unknownEntry');
  if (!inActorScope(actor, entry.e.unitId)) throw new FieldProblem('id', 'validation.outsideScope', { code: entry.unitCode });
  return entry.e;
}

/** Confirms a proposed entry. */
export async function confirmWarningEntry(db: Db, actor: Actor, id: number, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const e = await entryForChange(tx, actor, id);
    if (e.status !== 'proposed') throw new FieldProblem('id', 'validation.entryNotProposed');
    await setEntryStatus(tx, id, 'confirmed', actor.userId, now);
    await appendAudit(tx, [entryAudit(actor, 'warning_list.confirm', e, { status: e.status }, { status: 'confirmed' })], now);
  });
}

/** Lifts a proposed or confirmed entry; it stays on record as lifted. */
export async function liftWarningEntry(db: Db, actor: Actor, id: number, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const e = await entryForChange(tx, actor, id);
    if (e.status === 'lifted') throw new FieldProblem('id', 'validation.entryLifted');
    await setEntryStatus(tx, id, 'lifted', actor.userId, now);
    await appendAudit(tx, [entryAudit(actor, 'warning_list.lift', e, { status: e.status }, { status: 'lifted' })], now);
  });
}

export interface NewWarningEntry {
  unitCode: string;
  personName?: string | undefined;
  reason: string;
}

/**
 * Adds a unit (an institute or a department), or a named person of it, to the list with a reason. The
 * office's own decision, so it is confirmed at once.
 */
export async function addWarningEntry(db: Db, actor: Actor, input: NewWarningEntry, now: Date): Promise<number> {
  requireOffice(actor);
  return db.transaction(async (tx) => {
    const unit = await unitByCodeForEntry(tx, input.unitCode);
    if (!unit) throw new FieldProblem('unitCode', 'validation.unknownUnit', { code: input.unitCode });
    if (!inActorScope(actor, unit.id)) throw new FieldProblem('unitCode', 'validation.outsideScope', { code: unit.code });
    if (unit.kind !== 'institute' && unit.kind !== 'department')
      throw new FieldProblem('unitCode', 'validation.notWarnableUnit', { code: unit.code });
    const personName = input.personName?.trim() || null;
    const reason = input.reason.trim();
    const id = await insertConfirmedEntry(tx, { unitId: unit.id, personName, reason, by: actor.userId }, now);
    await appendAudit(tx, [entryAudit(actor, 'warning_list.add', { id, unitId: unit.id }, null, { personName, reason })], now);
    return id;
  });
}
