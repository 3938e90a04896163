import { eq } from 'drizzle-orm';
import { assessmentDimensions } from '@/db/schema';
import { appendAudit, type AuditEntry } from '@/db/audit/audit-log';
import { auditValues } from '@/db/audit/chain';
import type { Actor } from '@/domain/auth/actor';
import type { ItemOutcome } from '@/domain/records/submission';
import { fireIncidentAlerts, type WrittenIncident } from '@/features/alerts/incident-alerts';
import { dimensionRows, type DimensionInput } from '@/features/records/assessment-dimensions';
import type { BaseInput, KindDef } from '@/features/records/kinds/kind-def';
import type { Planned } from '@/features/records/plan-writes';
import type { Tx } from '@/db/tx';
import { insertRows } from '@/db/sql/insert-rows';

// The second half of a submission: write what planWrites judged may be written, each write in the audit
// chain, and fire incident alerts in the same transaction.

export interface WriteOptions {
  now: Date;
  source: 'api' | 'form' | 'import' | 'correction';
  auditNote?: Record<string, unknown>;
}

export async function applyWrites(
  tx: Tx,
  actor: Actor,
  def: KindDef<BaseInput>,
  plan: Planned[],
  opts: WriteOptions,
): Promise<{ outcome: ItemOutcome; id: number }[]> {
  const table = def.table;
  const audit: AuditEntry[] = [];
  const createdIds = await insertCreated(tx, actor, def, plan, opts.now);
  const incidents: WrittenIncident[] = [];
  const results: { outcome: ItemOutcome; id: number }[] = [];
  for (const [i, p] of plan.entries()) {
    if (p.outcome === 'unchanged') {
      results.push({ outcome: p.outcome, id: p.existing!.id });
      continue;
    }
    let id: number;
    let after: Record<string, unknown>;
    let before: Record<string, unknown> | null = null;
    if (p.outcome === 'created') {
      id = createdIds.get(i)!.id;
      after = createdIds.get(i)!.row;
    } else {
      id = p.existing!.id;
      const set = Object.fromEntries(p.changed.map((k) => [k, p.values[k]]));
      if (p.changed.length) await tx.update(table).set(set).where(eq(table.id, id));
      else await tx.update(table).set({ updatedAt: opts.now }).where(eq(table.id, id));
      before = Object.fromEntries(p.changed.map((k) => [k, p.existing![k]]));
      after = set;
    }
    if (def.kind === 'incidents') incidents.push({ id, row: after, before: p.outcome === 'updated' ? p.existing! : null });
    if (p.dimensionsChanged) {
      const dims = (p.input as unknown as { dimensions: DimensionInput[] }).dimensions;
      if (p.outcome === 'updated') {
        before = { ...before, dimensions: await dimensionRows(tx, id) };
        await tx.delete(assessmentDimensions).where(eq(assessmentDimensions.assessmentId, id));
      }
      await tx.insert(assessmentDimensions).values(dims.map((d) => ({ assessmentId: id, ...d })));
      after = { ...after, dimensions: dims };
    }
    audit.push({
      actorUserId: actor.userId,
      action: `${def.kind}.${p.outcome === 'created' ? 'create' : 'update'}`,
      entityKind: def.kind,
      entityId: id,
      unitId: p.unit.id,
      before: auditValues(before),
      after: auditValues({ ...after, source: opts.source, ...opts.auditNote }),
    });
    results.push({ outcome: p.outcome, id });
  }
  await appendAudit(tx, audit, opts.now);
  // incident.serious fires in this transaction: a submission that rolls back leaves no alert.
  await fireIncidentAlerts(tx, incidents, opts.now);
  return results;
}

/**
 * Inserts the new records in multi-row statements (insertRows: 100 records a statement on SQLite, one JSON
 * parameter per 5,000 on PostgreSQL, rather than one statement per record: a 50,000-row import spends its
 * time building statements otherwise).
 */
async function insertCreated(tx: Tx, actor: Actor, def: KindDef<BaseInput>, plan: Planned[], now: Date) {
  const table = def.table;
  const out = new Map<number, { id: number; row: Record<string, unknown> }>();
  const created = plan.map((p, i) => ({ p, i })).filter(({ p }) => p.outcome === 'created');
  const rows = created.map(({ p }) => ({
    ...def.defaults(p.input, now),
    ...p.values,
    externalId: p.input.externalId,
    createdBy: actor.userId,
  }));
  // Rows of one statement need the same columns; defaults differ by kind only, so align them.
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const aligned = rows.map((r) => Object.fromEntries(keys.map((k) => [k, (r as Record<string, unknown>)[k] ?? null])));
  // RETURNING's row order is not guaranteed, so ids are matched by (institute, externalId), which is unique.
  const found = (await insertRows(tx, table, aligned, { id: table.id, externalId: table.externalId, instituteId: table.instituteId })) as {
    id: number;
    externalId: string;
    instituteId: number;
  }[];
  const idOf = new Map(found.map((f) => [`${f.instituteId}\u0000${f.externalId}`, f.id]));
  created.forEach(({ p, i }, k) => out.set(i, { id: idOf.get(`${p.unit.instituteId}\u0000${p.input.externalId}`)!, row: rows[k]! }));
  return out;
}
