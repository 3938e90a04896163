import { and, desc, eq } from 'drizzle-orm';
import { alias } from '@/db/sql/alias';
import type { Queryable } from '@/db/tx';
import { recordCorrections, units, users } from '@/db/schema';
import type { Scope } from '@/domain/auth/actor';
import { inScope } from '@/db/scope';
import type { CorrectionRow } from '@/domain/records/views';

// Corrections of sealed records, read within the viewer's scope (the record's unit decides, as for records).

const proposer = alias(users, 'proposer');
const decider = alias(users, 'decider');

function selectCorrections(db: Queryable) {
  return db
    .select({
      id: recordCorrections.id,
      kind: recordCorrections.kind,
      recordId: recordCorrections.recordId,
      unitCode: units.code,
      unitName: units.name,
      unitNameEn: units.nameEn,
      status: recordCorrections.status,
      reason: recordCorrections.reason,
      changes: recordCorrections.changes,
      item: recordCorrections.item,
      proposedBy: recordCorrections.proposedBy,
      proposedByName: proposer.displayName,
      proposedAt: recordCorrections.proposedAt,
      decidedByName: decider.displayName,
      decidedAt: recordCorrections.decidedAt,
      decisionComment: recordCorrections.decisionComment,
    })
    .from(recordCorrections)
    .innerJoin(units, eq(units.id, recordCorrections.unitId))
    .innerJoin(proposer, eq(proposer.id, recordCorrections.proposedBy))
    .leftJoin(decider, eq(decider.id, recordCorrections.decidedBy));
}

/** A record's corrections, newest first. */
export async function correctionsOfRecord(db: Queryable, scope: Scope, kind: string, recordId: number): Promise<CorrectionRow[]> {
  return await selectCorrections(db)
    .where(and(eq(recordCorrections.kind, kind), eq(recordCorrections.recordId, recordId), inScope(recordCorrections.unitId, scope)))
    .orderBy(desc(recordCorrections.id));
}

/** Corrections waiting for a decision in the viewer's scope, oldest first (the reviewers' queue). */
export async function pendingCorrections(db: Queryable, scope: Scope, limit = 200): Promise<CorrectionRow[]> {
  return await selectCorrections(db)
    .where(and(eq(recordCorrections.status, 'proposed'), inScope(recordCorrections.unitId, scope)))
    .orderBy(recordCorrections.id)
    .limit(limit);
}
