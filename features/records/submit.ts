import { and, eq, getTableColumns, inArray } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { assessmentDimensions, domains, projects, riskDimensions, units } from '@/db/schema';
import { appendAudit, type AuditEntry } from '@/db/queries/audit';
import type { RecordKind } from '@/db/queries/record-kinds';
import { canSubmitRecords } from '@/domain/auth/roles';
import { canSee, type Actor } from '@/domain/auth/actor';
import { auditValues } from '@/db/audit/chain';
import type { Locale } from '@/domain/i18n/locales';
import { translate } from '@/domain/i18n/translate';
import { issueMessage, valueAt } from '@/domain/i18n/validation';
import type { BaseInput, KindDef, ReferenceCodes } from '@/features/records/kinds/kind-def';
import { kindDefs } from '@/features/records/kinds';
import { dateRangeProblems } from '@/domain/records/date-range';
import { fireIncidentAlerts, type WrittenIncident } from '@/features/alerts/incident-alerts';
import { dimensionKey, dimensionRows, loadDimensions, type DimensionInput } from '@/features/records/assessment-dimensions';
import { judgeChange, type Change } from '@/domain/records/seal-rules';
import { activeRatingRuleSet } from '@/db/queries/rule-sets';
import { lateByDefault, type LateByDefault } from '@/domain/incidents/late-by-default';
import { listChanges, type ChangeList } from '@/features/import/change-list';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** One problem with one item of a submission, said in the reader's language when it is shown. */
export interface Problem {
  index: number;
  field: string;
  say: (locale: Locale) => string;
}

/**
 * A submission refused as a whole: `forbidden` when an item lies outside the caller's role or scope (403),
 * `invalid` when items fail validation (422). Nothing of the submission was stored.
 */
export class SubmissionRefused extends Error {
  constructor(
    readonly reason: 'forbidden' | 'invalid',
    readonly problems: Problem[],
  ) {
    super(`${reason}: ${problems.map((p) => `#${p.index} ${p.field} ${p.say('en')}`).join('; ')}`.slice(0, 2000));
  }
}

export type ItemOutcome = 'created' | 'updated' | 'unchanged';

export interface SubmissionResult {
  created: number;
  updated: number;
  unchanged: number;
  ids: number[];
  outcomes: ItemOutcome[];
  /** New incidents that will count as late only because their report time defaulted to `now` (decision 033). */
  lateByDefault?: LateByDefault[];
  /** Dry runs only: which records would be created, and what would change on those updated (bounded). */
  changes?: ChangeList;
}

export interface SubmitOptions {
  /** When the submission was received: the default for `reportedAt` and the audit time. */
  now: Date;
  /** Where it came from, kept in the audit log (`correction`: an accepted correction, see corrections.ts). */
  source: 'api' | 'form' | 'import' | 'correction';
  /** More to keep in each audit entry's `after` (the correction's id). */
  auditNote?: Record<string, unknown>;
  /** Work out what would happen and store nothing. */
  dryRun?: boolean;
}

/** A problem's message, said later in whichever language the reader wants. */
export const keyed =
  (key: string, params: Record<string, string | number> = {}) =>
  (locale: Locale) =>
    translate(locale, key, params);

/**
 * Validates and stores a batch of records of one kind, all or nothing (API.md): one IMMEDIATE transaction,
 * idempotent by externalId within the rated institute (resending changes nothing), every write in the
 * audit chain. Throws SubmissionRefused with every problem found.
 */
export function submitRecords(db: Db, actor: Actor, kind: RecordKind, items: readonly unknown[], opts: SubmitOptions): SubmissionResult {
  const def = kindDefs[kind];
  const { parsed, problems } = parseItems(actor, def, items, opts.now);
  if (problems.length) {
    // Check the items that did parse too, so one answer lists every problem of the batch.
    let reason: SubmissionRefused['reason'] = 'invalid';
    try {
      db.transaction((tx) => planWrites(tx, actor, def, parsed, opts.now), { behavior: 'deferred' });
    } catch (error) {
      if (!(error instanceof SubmissionRefused)) throw error;
      reason = error.reason;
      problems.push(...error.problems);
    }
    throw new SubmissionRefused(
      reason,
      problems.sort((a, b) => a.index - b.index),
    );
  }

  const work = (tx: Tx): SubmissionResult => {
    const plan = planWrites(tx, actor, def, parsed, opts.now);
    const late = warnLate(tx, def, plan, opts.now);
    if (opts.dryRun)
      return {
        ...summarise(
          plan.map((p) => ({ outcome: p.outcome, id: p.existing?.id ?? 0 })),
          late,
        ),
        changes: listChanges(tx, plan, apiName),
      };
    return summarise(applyWrites(tx, actor, def, plan, opts), late);
  };
  // Dry runs only read; real submissions take the write lock first so that the existence checks and the
  // writes see the same database (two identical batches at once store each record once).
  return opts.dryRun ? db.transaction(work, { behavior: 'deferred' }) : db.transaction(work, { behavior: 'immediate' });
}

/** submitRecords inside a transaction the caller holds (accepting a correction writes it and the record together). */
export function submitWithin(tx: Tx, actor: Actor, kind: RecordKind, items: readonly unknown[], opts: SubmitOptions): SubmissionResult {
  const def = kindDefs[kind];
  const { parsed, problems } = parseItems(actor, def, items, opts.now);
  if (problems.length) throw new SubmissionRefused('invalid', problems);
  const plan = planWrites(tx, actor, def, parsed, opts.now);
  return summarise(applyWrites(tx, actor, def, plan, opts), warnLate(tx, def, plan, opts.now));
}

/** What one item would change on a stored record, judged for everything but the seal (a correction's proposal). */
export interface PlannedEdit {
  id: number | null;
  changes: Record<string, { from: unknown; to: unknown }>;
}

export function planEdit(tx: Tx, actor: Actor, kind: RecordKind, item: unknown, now: Date): PlannedEdit {
  const def = kindDefs[kind];
  const { parsed, problems } = parseItems(actor, def, [item], now);
  if (problems.length) throw new SubmissionRefused('invalid', problems);
  const [p] = planWrites(tx, actor, def, parsed, now, false);
  if (!p!.existing) return { id: null, changes: {} };
  const changes: PlannedEdit['changes'] = {};
  for (const k of p!.changed) changes[apiName(k)] = { from: p!.existing[k] ?? null, to: p!.values[k] ?? null };
  if (p!.dimensionsChanged)
    changes.dimensions = {
      from: dimensionRows(tx, p!.existing.id),
      to: (p!.input as unknown as { dimensions: DimensionInput[] }).dimensions,
    };
  return { id: p!.existing.id, changes };
}

function parseItems(
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

// Columns whose API field has another name (the seal table speaks the API's names, as refusals do).
const apiNames: Record<string, string> = { unitId: 'unitCode', projectId: 'projectExternalId' };
const apiName = (column: string) => apiNames[column] ?? column;

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

/** The backfill warning (late-by-default.ts) for the incidents this plan creates, under the active rule set. */
function warnLate(tx: Tx, def: KindDef<BaseInput>, plan: Planned[], now: Date): LateByDefault[] {
  if (def.kind !== 'incidents') return [];
  const items = plan.map((p) => ({ index: p.index, input: p.input, created: p.outcome === 'created' }));
  return items.some((i) => i.created) ? lateByDefault(items, activeRatingRuleSet(tx), now) : [];
}

function summarise(results: { outcome: ItemOutcome; id: number }[], late: LateByDefault[]): SubmissionResult {
  const out: SubmissionResult = { created: 0, updated: 0, unchanged: 0, ids: [], outcomes: [], lateByDefault: late };
  for (const r of results) {
    out[r.outcome]++;
    out.ids.push(r.id);
    out.outcomes.push(r.outcome);
  }
  return out;
}

interface Planned {
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

function loadReferenceCodes(tx: Tx): ReferenceCodes {
  return {
    domains: new Set(
      tx
        .select({ code: domains.code })
        .from(domains)
        .all()
        .map((d) => d.code),
    ),
    dimensions: new Map(
      tx
        .select({ code: riskDimensions.code, stage: riskDimensions.stage })
        .from(riskDimensions)
        .all()
        .map((d) => [d.code, d.stage]),
    ),
  };
}

function chunks<T>(values: T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size));
  return out;
}

function planWrites(tx: Tx, actor: Actor, def: KindDef<BaseInput>, inputs: BaseInput[], now: Date, judgeSeal = true): Planned[] {
  const forbidden: Problem[] = [];
  const invalid: Problem[] = [];
  const refs = loadReferenceCodes(tx);

  const codes = [...new Set(inputs.map((i) => i.unitCode))];
  const unitByCode = new Map<string, { id: number; kind: string; instituteId: number | null }>();
  for (const c of chunks(codes)) {
    for (const u of tx
      .select({ id: units.id, code: units.code, kind: units.kind, instituteId: units.instituteId })
      .from(units)
      .where(inArray(units.code, c))
      .all())
      unitByCode.set(u.code, u);
  }

  const placed: { index: number; input: BaseInput; unit: { id: number; instituteId: number } }[] = [];
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
    const key = `${unit.instituteId}\u0000${input.externalId}`;
    const first = seen.get(key);
    if (first !== undefined) invalid.push({ index, field: 'externalId', say: keyed('validation.duplicateInBatch', { index: first }) });
    seen.set(key, index);
    placed.push({ index, input, unit: { id: unit.id, instituteId: unit.instituteId } });
  });

  // Project references resolve within the rated institute, like externalIds themselves (decision 007).
  const projectIds = new Map<string, number>();
  if (def.project !== 'none') {
    const wanted = placed.filter((p) => p.input.projectExternalId);
    const byInstitute = groupBy(wanted, (p) => p.unit.instituteId);
    for (const [instituteId, group] of byInstitute) {
      for (const c of chunks([...new Set(group.map((p) => p.input.projectExternalId!))])) {
        for (const row of tx
          .select({ id: projects.id, externalId: projects.externalId })
          .from(projects)
          .where(and(eq(projects.instituteId, instituteId), inArray(projects.externalId, c)))
          .all())
          projectIds.set(`${instituteId}\u0000${row.externalId}`, row.id);
      }
    }
    for (const p of wanted) {
      if (!projectIds.has(`${p.unit.instituteId}\u0000${p.input.projectExternalId}`))
        invalid.push({
          index: p.index,
          field: 'projectExternalId',
          say: keyed('validation.unknownProject', { ref: p.input.projectExternalId! }),
        });
    }
  }

  // What is stored already, by institute and externalId.
  const table = def.table;
  const existing = new Map<string, Record<string, unknown> & { id: number; unitId: number }>();
  for (const [instituteId, group] of groupBy(placed, (p) => p.unit.instituteId)) {
    for (const c of chunks(group.map((p) => p.input.externalId))) {
      const rows = tx
        .select()
        .from(table)
        .where(and(eq(table.instituteId, instituteId), inArray(table.externalId, c)))
        .all() as (Record<string, unknown> & { id: number; unitId: number; externalId: string })[];
      for (const row of rows) existing.set(`${instituteId}\u0000${row.externalId}`, row);
    }
  }
  const dimensionsOf =
    def.kind === 'assessments'
      ? loadDimensions(
          tx,
          [...existing.values()].map((r) => r.id),
        )
      : new Map<number, string>();

  const columns = getTableColumns(table) as Record<string, { notNull: boolean }>;
  const notNull = new Set(
    Object.entries(columns)
      .filter(([, c]) => c.notNull)
      .map(([k]) => k),
  );
  const plan: Planned[] = [];
  for (const p of placed) {
    const before = existing.get(`${p.unit.instituteId}\u0000${p.input.externalId}`);
    // A record filed against a unit outside the caller's subtree stays out of reach even by its externalId.
    if (before && !canSee(actor.scope, before.unitId)) {
      forbidden.push({ index: p.index, field: 'externalId', say: keyed('validation.outsideScope', { code: p.input.externalId }) });
      continue;
    }
    const values: Record<string, unknown> = { unitId: p.unit.id, instituteId: p.unit.instituteId };
    for (const f of def.plain) {
      const v = (p.input as unknown as Record<string, unknown>)[f];
      // null clears an optional field; a column that cannot be empty (a status) treats it as absent.
      if (v !== undefined && !(v === null && notNull.has(f))) values[f] = v;
    }
    if (def.project !== 'none' && p.input.projectExternalId !== undefined) {
      values.projectId =
        p.input.projectExternalId === null ? null : (projectIds.get(`${p.unit.instituteId}\u0000${p.input.projectExternalId}`) ?? null);
    }
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
    if (refusal) forbidden.push({ index: p.index, field: refusal.field, say: keyed(refusal.key, refusal.params) });
    plan.push({
      ...p,
      values,
      existing: before,
      changed,
      dimensionsChanged,
      outcome: !before ? 'created' : changed.length || dimensionsChanged ? 'updated' : 'unchanged',
    });
  }
  // Everything found is reported at once; any item outside the caller's role or scope makes it a 403.
  const all = [...forbidden, ...invalid].sort((a, b) => a.index - b.index);
  if (forbidden.length) throw new SubmissionRefused('forbidden', all);
  if (invalid.length) throw new SubmissionRefused('invalid', all);
  return plan;
}

function applyWrites(
  tx: Tx,
  actor: Actor,
  def: KindDef<BaseInput>,
  plan: Planned[],
  opts: SubmitOptions,
): { outcome: ItemOutcome; id: number }[] {
  const table = def.table;
  const audit: AuditEntry[] = [];
  const createdIds = insertCreated(tx, actor, def, plan, opts.now);
  const incidents: WrittenIncident[] = [];
  const results = plan.map((p, i) => {
    if (p.outcome === 'unchanged') return { outcome: p.outcome, id: p.existing!.id };
    let id: number;
    let after: Record<string, unknown>;
    let before: Record<string, unknown> | null = null;
    if (p.outcome === 'created') {
      id = createdIds.get(i)!.id;
      after = createdIds.get(i)!.row;
    } else {
      id = p.existing!.id;
      const set = Object.fromEntries(p.changed.map((k) => [k, p.values[k]]));
      if (p.changed.length) tx.update(table).set(set).where(eq(table.id, id)).run();
      else tx.update(table).set({ updatedAt: opts.now }).where(eq(table.id, id)).run();
      before = Object.fromEntries(p.changed.map((k) => [k, p.existing![k]]));
      after = set;
    }
    if (def.kind === 'incidents') incidents.push({ id, row: after, before: p.outcome === 'updated' ? p.existing! : null });
    if (p.dimensionsChanged) {
      const dims = (p.input as unknown as { dimensions: DimensionInput[] }).dimensions;
      if (p.outcome === 'updated') {
        before = { ...before, dimensions: dimensionRows(tx, id) };
        tx.delete(assessmentDimensions).where(eq(assessmentDimensions.assessmentId, id)).run();
      }
      tx.insert(assessmentDimensions)
        .values(dims.map((d) => ({ assessmentId: id, ...d })))
        .run();
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
    return { outcome: p.outcome, id };
  });
  appendAudit(tx, audit, opts.now);
  // incident.serious fires in this transaction: a submission that rolls back leaves no alert.
  fireIncidentAlerts(tx, incidents, opts.now);
  return results;
}

/**
 * Inserts the new records in multi-row statements (one per 100 records rather than one per record: a
 * 50,000-row import spends its time building statements otherwise).
 */
function insertCreated(tx: Tx, actor: Actor, def: KindDef<BaseInput>, plan: Planned[], now: Date) {
  const table = def.table;
  const out = new Map<number, { id: number; row: Record<string, unknown> }>();
  const created = plan.map((p, i) => ({ p, i })).filter(({ p }) => p.outcome === 'created');
  for (const chunk of chunks(created, 100)) {
    const rows = chunk.map(({ p }) => ({
      ...def.defaults(p.input, now),
      ...p.values,
      externalId: p.input.externalId,
      createdBy: actor.userId,
    }));
    // Rows of one statement need the same columns; defaults differ by kind only, so align them.
    const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))];
    // RETURNING's row order is not guaranteed, so ids are matched by (institute, externalId), which is unique.
    const found = tx
      .insert(table)
      .values(rows.map((r) => Object.fromEntries(keys.map((k) => [k, (r as Record<string, unknown>)[k] ?? null]))))
      .returning({ id: table.id, externalId: table.externalId, instituteId: table.instituteId })
      .all() as { id: number; externalId: string; instituteId: number }[];
    const idOf = new Map(found.map((f) => [`${f.instituteId}\u0000${f.externalId}`, f.id]));
    chunk.forEach(({ p, i }, k) => out.set(i, { id: idOf.get(`${p.unit.instituteId}\u0000${p.input.externalId}`)!, row: rows[k]! }));
  }
  return out;
}

/** Whether a stored column value equals a submitted one (instants by time; absent and null alike). */
export function same(a: unknown, b: unknown): boolean {
  if (a instanceof Date || b instanceof Date) return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  return (a ?? null) === (b ?? null);
}

function groupBy<T, K>(values: T[], key: (v: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const v of values) {
    const k = key(v);
    const list = out.get(k);
    if (list) list.push(v);
    else out.set(k, [v]);
  }
  return out;
}
