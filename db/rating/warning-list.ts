import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { alias } from '@/db/sql/alias';
import { first } from '@/db/engine';
import { auditLog, ratings, units, users, warningListEntries } from '@/db/schema';
import type { Scope } from '@/domain/auth/actor';
import { WARNING_ENTRY_KIND, type WarningEntry, type WarningStatus } from '@/domain/rating/warning-list';
import { inScope } from '@/db/scope';
import type { Queryable } from '@/db/tx';

// The warning list's SQL (domain/rating/warning-list.ts says what an entry is). Who may change an entry,
// and the audit entries a change leaves, are decided in features/rating/warning-list.ts.

export type { WarningEntry, WarningStatus } from '@/domain/rating/warning-list';

/** Entries on units in scope (optionally one unit or one status), open ones first, newest first. */
export async function listWarningEntries(
  q: Queryable,
  scope: Scope,
  opts: { unitIds?: readonly number[]; status?: WarningStatus } = {},
): Promise<WarningEntry[]> {
  const confirmer = alias(users, 'confirmer');
  const lifter = alias(users, 'lifter');
  const rows = await q
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
    .orderBy(desc(warningListEntries.createdAt), desc(warningListEntries.id));
  const creators = await firstActors(
    q,
    rows.map((r) => r.id),
  );
  const order: Record<WarningStatus, number> = { proposed: 0, confirmed: 1, lifted: 2 };
  return rows
    .map((r) => ({ ...r, createdBy: creators.get(r.id) ?? null }))
    .sort((a, b) => order[a.status] - order[b.status] || b.createdAt.getTime() - a.createdAt.getTime() || b.id - a.id);
}

// The display name of the actor of each entry's first audit entry (its proposal or addition).
async function firstActors(q: Queryable, ids: number[]): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  for (let i = 0; i < ids.length; i += 500) {
    for (const r of await q
      .select({ id: auditLog.entityId, name: users.displayName })
      .from(auditLog)
      .innerJoin(users, eq(users.id, auditLog.actorUserId))
      .where(and(eq(auditLog.entityKind, WARNING_ENTRY_KIND), inArray(auditLog.entityId, ids.slice(i, i + 500))))
      .orderBy(asc(auditLog.id))) {
      if (r.id !== null && !out.has(r.id)) out.set(r.id, r.name);
    }
  }
  return out;
}

/** An entry with its unit's code, in any scope (the caller checks the scope, to say why it refuses). */
export async function entryWithUnit(q: Queryable, id: number) {
  return first(
    await q
      .select({ e: warningListEntries, unitCode: units.code })
      .from(warningListEntries)
      .innerJoin(units, eq(units.id, warningListEntries.unitId))
      .where(eq(warningListEntries.id, id))
      .limit(1),
  );
}

export async function unitByCodeForEntry(q: Queryable, code: string) {
  return first(await q.select({ id: units.id, code: units.code, kind: units.kind }).from(units).where(eq(units.code, code)).limit(1));
}

/** Moves an entry on: confirmed or lifted, by whom and when. */
export async function setEntryStatus(q: Queryable, id: number, status: 'confirmed' | 'lifted', by: number, now: Date): Promise<void> {
  const change =
    status === 'confirmed'
      ? { status, confirmedAt: now, confirmedBy: by, updatedAt: now }
      : { status, liftedAt: now, liftedBy: by, updatedAt: now };
  await q.update(warningListEntries).set(change).where(eq(warningListEntries.id, id));
}

/** Stores an entry the office decided on, confirmed at once; returns its id. */
export async function insertConfirmedEntry(
  q: Queryable,
  e: { unitId: number; personName: string | null; reason: string; by: number },
  now: Date,
): Promise<number> {
  const row = first(
    await q
      .insert(warningListEntries)
      .values({
        unitId: e.unitId,
        personName: e.personName,
        reason: e.reason,
        status: 'confirmed',
        confirmedAt: now,
        confirmedBy: e.by,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: warningListEntries.id }),
  );
  return row!.id;
}
