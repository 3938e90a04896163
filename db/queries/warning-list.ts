import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '../client';
import type { SyncTx as Tx } from '../tx';
import { auditLog, ratings, units, users, warningListEntries } from '../schema';
import type { Actor, Scope } from '@/domain/auth/actor';
import { FieldProblem } from '@/domain/errors';
import { canManageRatings } from '@/domain/auth/rating-permissions';
import { appendAudit, type AuditEntry } from '@/db/audit/audit-log';
import { inScope } from '@/db/scope';

// The warning list (警示名录, DOMAIN.md §8): units, or named people of a unit, with a reason. Entries are
// proposed (by a published red rating) or added by the office, confirmed, and lifted; never deleted. Who
// proposed or added an entry is the actor of its first audit entry, so the chain is the one source of it.

export type WarningStatus = 'proposed' | 'confirmed' | 'lifted';
export const ENTRY_KIND = 'warning_list_entry';

export interface WarningEntry {
  id: number;
  unitId: number;
  unitCode: string;
  unitName: string;
  unitNameEn: string | null;
  personName: string | null;
  reason: string;
  ratingYear: number | null;
  status: WarningStatus;
  createdAt: Date;
  createdBy: string | null;
  confirmedAt: Date | null;
  confirmedBy: string | null;
  liftedAt: Date | null;
  liftedBy: string | null;
}

/** Entries on units in scope (optionally one unit or one status), open ones first, newest first. */
export function listWarningEntries(
  db: Db,
  scope: Scope,
  opts: { unitIds?: readonly number[]; status?: WarningStatus } = {},
): WarningEntry[] {
  const confirmer = alias(users, 'confirmer');
  const lifter = alias(users, 'lifter');
  const rows = db
    .select({
      id: warningListEntries.id,
      unitId: warningListEntries.unitId,
      unitCode: units.code,
      unitName: units.name,
      unitNameEn: units.nameEn,
      personName: warningListEntries.personName,
      reason: warningListEntries.reason,
      ratingYear: ratings.year,
      status: warningListEntries.status,
      createdAt: warningListEntries.createdAt,
      confirmedAt: warningListEntries.confirmedAt,
      confirmedBy: confirmer.displayName,
      liftedAt: warningListEntries.liftedAt,
      liftedBy: lifter.displayName,
    })
    .from(warningListEntries)
    .innerJoin(units, eq(units.id, warningListEntries.unitId))
    .leftJoin(ratings, eq(ratings.id, warningListEntries.ratingId))
    .leftJoin(confirmer, eq(confirmer.id, warningListEntries.confirmedBy))
    .leftJoin(lifter, eq(lifter.id, warningListEntries.liftedBy))
    .where(
      and(
        inScope(warningListEntries.unitId, scope),
        opts.unitIds ? inArray(warningListEntries.unitId, [...opts.unitIds]) : undefined,
        opts.status ? eq(warningListEntries.status, opts.status) : undefined,
      ),
    )
    .orderBy(desc(warningListEntries.createdAt), desc(warningListEntries.id))
    .all();
  const creators = firstActors(
    db,
    rows.map((r) => r.id),
  );
  const order: Record<WarningStatus, number> = { proposed: 0, confirmed: 1, lifted: 2 };
  return rows
    .map((r) => ({ ...r, createdBy: creators.get(r.id) ?? null }))
    .sort((a, b) => order[a.status] - order[b.status] || b.createdAt.getTime() - a.createdAt.getTime() || b.id - a.id);
}

// The display name of the actor of each entry's first audit entry (its proposal or addition).
function firstActors(db: Db, ids: number[]): Map<number, string> {
  const out = new Map<number, string>();
  for (let i = 0; i < ids.length; i += 500) {
    for (const r of db
      .select({ id: auditLog.entityId, name: users.displayName })
      .from(auditLog)
      .innerJoin(users, eq(users.id, auditLog.actorUserId))
      .where(and(eq(auditLog.entityKind, ENTRY_KIND), inArray(auditLog.entityId, ids.slice(i, i + 500))))
      .orderBy(asc(auditLog.id))
      .all()) {
      if (r.id !== null && !out.has(r.id)) out.set(r.id, r.name);
    }
  }
  return out;
}

function entryAudit(actor: Actor, action: string, entry: { id: number; unitId: number }, before: unknown, after: unknown): AuditEntry {
  return { actorUserId: actor.userId, action, entityKind: ENTRY_KIND, entityId: entry.id, unitId: entry.unitId, before, after };
}

/** Audit entries for proposals made by publishing (the publisher proposed them). */
export function proposalAudits(actor: Actor, entries: readonly { id: number; unitId: number }[]): AuditEntry[] {
  return entries.map((e) => entryAudit(actor, 'warning_list.propose', e, null, { status: 'proposed' }));
}

// An entry the actor may change: the office only, and within its scope (an entry outside it is refused
// as if it did not exist, like records).
function entryForChange(tx: Tx, actor: Actor, id: number) {
  if (!canManageRatings(actor.role)) throw new FieldProblem('(form)', 'validation.officeOnly');
  const entry = tx
    .select({ e: warningListEntries, unitCode: units.code })
    .from(warningListEntries)
    .innerJoin(units, eq(units.id, warningListEntries.unitId))
    .where(eq(warningListEntries.id, id))
    .get();
  if (!entry) throw new FieldProblem('id', 'validation.unknownEntry');
  if (!actor.scope.all && !actor.scope.unitIds.includes(entry.e.unitId))
    throw new FieldProblem('id', 'validation.outsideScope', { code: entry.unitCode });
  return entry.e;
}

/** Confirms a proposed entry. */
export function confirmWarningEntry(db: Db, actor: Actor, id: number, now: Date): void {
  db.transaction(
    (tx) => {
      const e = entryForChange(tx, actor, id);
      if (e.status !== 'proposed') throw new FieldProblem('id', 'validation.entryNotProposed');
      tx.update(warningListEntries)
        .set({ status: 'confirmed', confirmedAt: now, confirmedBy: actor.userId, updatedAt: now })
        .where(eq(warningListEntries.id, id))
        .run();
      appendAudit(tx, [entryAudit(actor, 'warning_list.confirm', e, { status: e.status }, { status: 'confirmed' })], now);
    },
    { behavior: 'immediate' },
  );
}

/** Lifts a proposed or confirmed entry; it stays on record as lifted. */
export function liftWarningEntry(db: Db, actor: Actor, id: number, now: Date): void {
  db.transaction(
    (tx) => {
      const e = entryForChange(tx, actor, id);
      if (e.status === 'lifted') throw new FieldProblem('id', 'validation.entryLifted');
      tx.update(warningListEntries)
        .set({ status: 'lifted', liftedAt: now, liftedBy: actor.userId, updatedAt: now })
        .where(eq(warningListEntries.id, id))
        .run();
      appendAudit(tx, [entryAudit(actor, 'warning_list.lift', e, { status: e.status }, { status: 'lifted' })], now);
    },
    { behavior: 'immediate' },
  );
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
export function addWarningEntry(db: Db, actor: Actor, input: NewWarningEntry, now: Date): number {
  if (!canManageRatings(actor.role)) throw new FieldProblem('(form)', 'validation.officeOnly');
  return db.transaction(
    (tx) => {
      const unit = tx.select().from(units).where(eq(units.code, input.unitCode)).get();
      if (!unit) throw new FieldProblem('unitCode', 'validation.unknownUnit', { code: input.unitCode });
      if (!actor.scope.all && !actor.scope.unitIds.includes(unit.id))
        throw new FieldProblem('unitCode', 'validation.outsideScope', { code: unit.code });
      if (unit.kind !== 'institute' && unit.kind !== 'department')
        throw new FieldProblem('unitCode', 'validation.notWarnableUnit', { code: unit.code });
      const personName = input.personName?.trim() || null;
      const row = tx
        .insert(warningListEntries)
        .values({
          unitId: unit.id,
          personName,
          reason: input.reason.trim(),
          status: 'confirmed',
          confirmedAt: now,
          confirmedBy: actor.userId,
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: warningListEntries.id })
        .get();
      appendAudit(
        tx,
        [entryAudit(actor, 'warning_list.add', { id: row.id, unitId: unit.id }, null, { personName, reason: input.reason.trim() })],
        now,
      );
      return row.id;
    },
    { behavior: 'immediate' },
  );
}
