import { and, eq, getTableColumns, inArray } from 'drizzle-orm';
import { domains, projects, riskDimensions, units } from '@/db/schema';
import { canSubmitRecords } from '@/domain/auth/roles';
import { canSee, type Actor } from '@/domain/auth/actor';
import { issueMessage, valueAt } from '@/domain/i18n/validation';
import { dateRangeProblems } from '@/domain/records/date-range';
import { judgeChange, type Change } from '@/domain/records/seal-rules';
import { chunks, groupBy, keyed, same, SubmissionRefused, type ItemOutcome, type Problem } from '@/domain/records/submission';
import type { BaseInput, KindDef, ReferenceCodes } from '@/features/records/kinds/kind-def';
import { dimensionKey, loadDimensions, type DimensionInput } from '@/features/records/assessment-dimensions';
import type { Queryable } from '@/db/tx';
import { forUpdateOnPg, lockRecords } from '@/db/sql/locks';

// The first half of a submission: parse the items, resolve their units, projects and stored records, and
// judge each against role, scope and the seal, so that nothing is written unless every item may be.

type Row = Record<string, unknown> & { id: number; unitId: number };

/** One item as it will be written. */
export interface Planned {
  index: number;
  input: BaseInput;
  unit: { id: number; instituteId: number };
  /** The columns this submission sets (absent optional fields are not among them). */
  values: Record<string, unknown>;
  existing?: Record<string, unknown> & { id: number };
  changed: string[];
  dimensionsChanged: boolean;
  outcome: ItemOutcome;
}

type Placed = Pick<Planned, 'index' | 'input' | 'unit'>;
/** Problems found so far: any forbidden one makes the answer a 403. */
type Found = { forbidden: Problem[]; invalid: Problem[] };

// Columns whose API field has another name (the seal table speaks the API's names, as refusals do).
const apiNames: Record<string, string> = { unitId: 'unitCode', projectId: 'projectExternalId' };
export const apiName = (column: string) => apiNames[column] ?? column;
const key = (instituteId: number, externalId: string) => `${instituteId}\u0000${externalId}`;

/** The items that match the kind's schema and date rules, and a problem for each that does not. */
export function parseItems(
  actor: Actor,
  def: KindDef<BaseInput>,
  items: readonly unknown[],
  now: Date,
): { parsed: BaseInput[]; problems: Problem[] } {
  if (!canSubmitRecords(actor.role)) {
    throw new SubmissionRefused('forbidden', [{ index: 0, field: '(role)', say: keyed('validation.readOnlyRole') }]);
  }
  const problems: Problem[] = [];
  const parsed: BaseInput[] = [];
  items.forEach((item, index) => {
    const result = def.schema.safeParse(item);
    if (result.success) {
      parsed[index] = result.data;
      for (const p of dateRangeProblems(result.data as unknown as Record<string, unknown>, now))
        problems.push({ index, field: p.field, say: keyed(p.key, p.params) });
    } else
      for (const issue of result.error.issues) {
        problems.push({
          index,
          field: issue.path.join('.') || '(item)',
          say: (l) => issueMessage(issue, l, { value: valueAt(item, issue.path) }),
        });
      }
  });
  return { parsed, problems };
}

/** How a plan is made: `judgeSeal` false plans a correction's proposal, which the seal does not stop. */
export interface PlanOptions {
  judgeSeal?: boolean;
  /** The plan will be written in this transaction: lock the batch's institutes for its kind first. */
  forWrite?: boolean;
}

/** Every item's plan, or SubmissionRefused listing every problem of the batch. */
export async function planWrites(
  tx: Queryable,
  actor: Actor,
  def: KindDef<BaseInput>,
  inputs: BaseInput[],
  now: Date,
  { judgeSeal = true, forWrite = false }: PlanOptions = {},
): Promise<Planned[]> {
  const found: Found = { forbidden: [], invalid: [] };
  const placed = await placeItems(tx, actor, def, inputs, now, found);
  // Whether a record exists decides create or update: on PostgreSQL another server may be storing the same
  // externalIds right now, so the check waits for its commit (decision 047 row 2; nothing to take on SQLite,
  // whose single writer already serialises this).
  if (forWrite)
    await lockRecords(
      tx,
      def.kind,
      placed.map((p) => p.unit.instituteId),
    );
  const projectIds = await resolveProjects(tx, def, placed, found);
  const existing = await storedRecords(tx, def, placed, forWrite);
  const dimensionsOf =
    def.kind === 'assessments'
      ? await loadDimensions(
          tx,
          [...existing.values()].map((r) => r.id),
        )
      : new Map<number, string>();
  const columns = getTableColumns(def.table) as Record<string, { notNull: boolean }>;
  const notNull = new Set(
    Object.entries(columns)
      .filter(([, c]) => c.notNull)
      .map(([k]) => k),
  );
  const plan: Planned[] = [];
  for (const p of placed) {
    const before = existing.get(key(p.unit.instituteId, p.input.externalId));
    // A record filed against a unit outside the caller's subtree stays out of reach even by its externalId.
    if (before && !canSee(actor.scope, before.unitId)) {
      found.forbidden.push({ index: p.index, field: 'externalId', say: keyed('validation.outsideScope', { code: p.input.externalId }) });
      continue;
    }
    const values = valuesOf(def, p, projectIds, notNull);
    const changed = before ? Object.keys(values).filter((k) => !same(before[k], values[k])) : [];
    const dimensionsChanged =
      def.kind === 'assessments' &&
      (!before || dimensionsOf.get(before.id) !== dimensionKey((p.input as unknown as { dimensions: DimensionInput[] }).dimensions));
    // Reviewers' decisions and the fields they seal (domain/records/seal-rules.ts): one judgement for every channel.
    const refusal = judgeSeal
      ? judgeChange(
          def.kind,
          before,
          actor.role,
          changeOf({ existing: before, values, changed, dimensionsChanged }, before ? {} : def.defaults(p.input, now)),
        )
      : null;
    if (refusal) found.forbidden.push({ index: p.index, field: refusal.field, say: keyed(refusal.key, refusal.params) });
    const outcome = !before ? 'created' : changed.length || dimensionsChanged ? 'updated' : 'unchanged';
    plan.push({ ...p, values, existing: before, changed, dimensionsChanged, outcome });
  }
  // Everything found is reported at once; any item outside the caller's role or scope makes it a 403.
  const all = [...found.forbidden, ...found.invalid].sort((a, b) => a.index - b.index);
  if (found.forbidden.length) throw new SubmissionRefused('forbidden', all);
  if (found.invalid.length) throw new SubmissionRefused('invalid', all);
  return plan;
}

async function loadReferenceCodes(tx: Queryable): Promise<ReferenceCodes> {
  const domainRows = await tx.select({ code: domains.code }).from(domains);
  const dimensionRows = await tx.select({ code: riskDimensions.code, stage: riskDimensions.stage }).from(riskDimensions);
  return {
    domains: new Set(domainRows.map((d) => d.code)),
    dimensions: new Map(dimensionRows.map((d) => [d.code, d.stage])),
  };
}

/** Each item's unit, in scope and able to hold records, with its codes and the kind's own checks. */
async function placeItems(
  tx: Queryable,
  actor: Actor,
  def: KindDef<BaseInput>,
  inputs: BaseInput[],
  now: Date,
  found: Found,
): Promise<Placed[]> {
  const refs = await loadReferenceCodes(tx);
  const codes = [...new Set(inputs.map((i) => i.unitCode))];
  const unitByCode = new Map<string, { id: number; kind: string; instituteId: number | null }>();
  for (const c of chunks(codes)) {
    for (const u of await tx
      .select({ id: units.id, code: units.code, kind: units.kind, instituteId: units.instituteId })
      .from(units)
      .where(inArray(units.code, c)))
      unitByCode.set(u.code, u);
  }
  const { forbidden, invalid } = found;
  const placed: Placed[] = [];
  const seen = new Map<string, number>();
  inputs.forEach((input, index) => {
    const unit = unitByCode.get(input.unitCode);
    if (!unit) return invalid.push({ index, field: 'unitCode', say: keyed('validation.unknownUnit', { code: input.unitCode }) });
    if (!unit.instituteId)
      return invalid.push({ index, field: 'unitCode', say: keyed('validation.notRecordUnit', { code: input.unitCode }) });
    if (!canSee(actor.scope, unit.id))
      return forbidden.push({ index, field: 'unitCode', say: keyed('validation.outsideScope', { code: input.unitCode }) });
    for (const [field, table] of Object.entries(def.codes)) {
      const value = (input as unknown as Record<string, unknown>)[field];
      const known = table === 'domain' ? refs.domains.has(String(value)) : refs.dimensions.has(String(value));
      if (!known) invalid.push({ index, field, say: keyed('validation.unknownCode', { code: String(value) }) });
    }
    for (const p of def.check?.(input, refs, now) ?? []) invalid.push({ index, field: p.field, say: keyed(p.key, p.params) });
    const first = seen.get(key(unit.instituteId, input.externalId));
    if (first !== undefined) invalid.push({ index, field: 'externalId', say: keyed('validation.duplicateInBatch', { index: first }) });
    seen.set(key(unit.instituteId, input.externalId), index);
    placed.push({ index, input, unit: { id: unit.id, instituteId: unit.instituteId } });
  });
  return placed;
}

/** Project references resolve within the rated institute, like externalIds themselves (decision 007). */
async function resolveProjects(tx: Queryable, def: KindDef<BaseInput>, placed: Placed[], found: Found): Promise<Map<string, number>> {
  const projectIds = new Map<string, number>();
  if (def.project === 'none') return projectIds;
  const wanted = placed.filter((p) => p.input.projectExternalId);
  for (const [instituteId, group] of groupBy(wanted, (p) => p.unit.instituteId)) {
    for (const c of chunks([...new Set(group.map((p) => p.input.projectExternalId!))])) {
      for (const row of await tx
        .select({ id: projects.id, externalId: projects.externalId })
        .from(projects)
        .where(and(eq(projects.instituteId, instituteId), inArray(projects.externalId, c))))
        projectIds.set(key(instituteId, row.externalId), row.id);
    }
  }
  for (const p of wanted) {
    if (!projectIds.has(key(p.unit.instituteId, p.input.projectExternalId!)))
      found.invalid.push({
        index: p.index,
        field: 'projectExternalId',
        say: keyed('validation.unknownProject', { ref: p.input.projectExternalId! }),
      });
  }
  return projectIds;
}

/**
 * What is stored already, by institute and externalId. For a write on PostgreSQL the rows are read FOR
 * UPDATE: a row another transaction is changing (a withdrawal, a decision) is read once that one commits, as
 * it then is, so the checks on it judge the row the write changes (SQLite's single writer already does).
 */
async function storedRecords(tx: Queryable, def: KindDef<BaseInput>, placed: Placed[], forWrite: boolean): Promise<Map<string, Row>> {
  const table = def.table;
  const existing = new Map<string, Row>();
  for (const [instituteId, group] of groupBy(placed, (p) => p.unit.instituteId)) {
    for (const c of chunks(group.map((p) => p.input.externalId))) {
      const query = tx
        .select()
        .from(table)
        .where(and(eq(table.instituteId, instituteId), inArray(table.externalId, c)));
      const rows = (await (forWrite ? forUpdateOnPg(tx, query) : query)) as (Row & { externalId: string })[];
      for (const row of rows) existing.set(key(instituteId, row.externalId), row);
    }
  }
  return existing;
}

/** The columns an item sets. */
function valuesOf(def: KindDef<BaseInput>, p: Placed, projectIds: Map<string, number>, notNull: Set<string>): Record<string, unknown> {
  const values: Record<string, unknown> = { unitId: p.unit.id, instituteId: p.unit.instituteId };
  for (const f of def.plain) {
    const v = (p.input as unknown as Record<string, unknown>)[f];
    // null clears an optional field; a column that cannot be empty (a status) treats it as absent.
    if (v !== undefined && !(v === null && notNull.has(f))) values[f] = v;
  }
  if (def.project !== 'none' && p.input.projectExternalId !== undefined) {
    values.projectId =
      p.input.projectExternalId === null ? null : (projectIds.get(key(p.unit.instituteId, p.input.projectExternalId)) ?? null);
  }
  return values;
}

/**
 * What a planned item changes, as the seal table judges it; on a new record, every field it sets to other
 * than the default (a reporter may send `concealed: false`, which is what it would be anyway).
 */
function changeOf(p: Pick<Planned, 'existing' | 'values' | 'changed' | 'dimensionsChanged'>, defaults: Record<string, unknown>): Change {
  const columns = p.existing
    ? p.changed
    : Object.keys(p.values).filter((k) => p.values[k] !== null && k !== 'instituteId' && !same(defaults[k], p.values[k]));
  const fields = columns.map(apiName);
  if (p.dimensionsChanged && p.existing) fields.push('dimensions');
  return { fields, status: columns.includes('status') ? String(p.values.status) : undefined };
}
