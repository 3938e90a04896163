import type { RecordKind } from '@/db/records/record-kinds';
import { activeRatingRuleSet } from '@/db/rule-sets/rating-rule-sets';
import type { Actor } from '@/domain/auth/actor';
import { lateByDefault, type LateByDefault } from '@/domain/incidents/late-by-default';
import { SubmissionRefused, type ItemOutcome } from '@/domain/records/submission';
import { listChanges, type ChangeList } from '@/features/import/change-list';
import { dimensionRows, type DimensionInput } from '@/features/records/assessment-dimensions';
import { applyWrites } from '@/features/records/apply-writes';
import { kindDefs } from '@/features/records/kinds';
import type { BaseInput, KindDef } from '@/features/records/kinds/kind-def';
import { apiName, parseItems, planWrites, type Planned } from '@/features/records/plan-writes';
import type { Db, Queryable, Tx } from '@/db/tx';
import { isUniqueViolation } from '@/db/busy';

// A submission's entry points (API, import, form, an accepted correction): parse, plan (plan-writes.ts),
// then write (apply-writes.ts), in one transaction. Callers outside records still import the refusal here.
export { SubmissionRefused, type ItemOutcome } from '@/domain/records/submission';

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
  /**
   * Refuses (by throwing) a plan its caller did not mean, inside the write transaction, after planning and
   * before anything is written: the form's "a new record must not update another's, an edit stays the
   * same, still editable record" is checked against the database as it is written, not as it was read.
   */
  expect?: (plan: readonly Planned[]) => void;
}

/**
 * Validates and stores a batch of records of one kind, all or nothing (API.md): one IMMEDIATE transaction,
 * idempotent by externalId within the rated institute (resending changes nothing), every write in the
 * audit chain. Throws SubmissionRefused with every problem found.
 */
export async function submitRecords(
  db: Db,
  actor: Actor,
  kind: RecordKind,
  items: readonly unknown[],
  opts: SubmitOptions,
): Promise<SubmissionResult> {
  const def = kindDefs[kind];
  const { parsed, problems } = parseItems(actor, def, items, opts.now);
  if (problems.length) {
    // Check the items that did parse too, so one answer lists every problem of the batch.
    let reason: SubmissionRefused['reason'] = 'invalid';
    try {
      // Planning only reads: a snapshot, which never waits for the write lock.
      await db.snapshot((tx) => planWrites(tx, actor, def, parsed, opts.now));
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

  const work = async (tx: Tx): Promise<SubmissionResult> => {
    const plan = await planWrites(tx, actor, def, parsed, opts.now, { forWrite: !opts.dryRun });
    opts.expect?.(plan);
    const late = await warnLate(tx, def, plan, opts.now);
    if (opts.dryRun)
      return {
        ...summarise(
          plan.map((p) => ({ outcome: p.outcome, id: p.existing?.id ?? 0 })),
          late,
        ),
        changes: await listChanges(tx, plan, apiName),
      };
    return summarise(await applyWrites(tx, actor, def, plan, opts), late);
  };
  // Dry runs only read (a snapshot); real submissions take the write lock first (the engine's write
  // transactions are IMMEDIATE; on PostgreSQL planWrites locks the batch's institutes) so that the existence
  // checks and the writes see the same database (two identical batches at once store each record once).
  if (opts.dryRun) return await db.snapshot(work);
  try {
    return await db.transaction(work);
  } catch (error) {
    // A safety net behind those locks (decision 047 row 2): the whole transaction was rolled back, and run
    // again it finds the row the other server committed and answers "unchanged".
    if (!isUniqueViolation(error)) throw error;
    return await db.transaction(work);
  }
}

/** submitRecords inside a transaction the caller holds (accepting a correction writes it and the record together). */
export async function submitWithin(
  tx: Tx,
  actor: Actor,
  kind: RecordKind,
  items: readonly unknown[],
  opts: SubmitOptions,
): Promise<SubmissionResult> {
  const def = kindDefs[kind];
  const { parsed, problems } = parseItems(actor, def, items, opts.now);
  if (problems.length) throw new SubmissionRefused('invalid', problems);
  const plan = await planWrites(tx, actor, def, parsed, opts.now, { forWrite: true });
  const results = await applyWrites(tx, actor, def, plan, opts);
  return summarise(results, await warnLate(tx, def, plan, opts.now));
}

/** What one item would change on a stored record, judged for everything but the seal (a correction's proposal). */
export interface PlannedEdit {
  id: number | null;
  changes: Record<string, { from: unknown; to: unknown }>;
}

export async function planEdit(tx: Queryable, actor: Actor, kind: RecordKind, item: unknown, now: Date): Promise<PlannedEdit> {
  const def = kindDefs[kind];
  const { parsed, problems } = parseItems(actor, def, [item], now);
  if (problems.length) throw new SubmissionRefused('invalid', problems);
  const [p] = await planWrites(tx, actor, def, parsed, now, { judgeSeal: false });
  if (!p!.existing) return { id: null, changes: {} };
  const changes: PlannedEdit['changes'] = {};
  for (const k of p!.changed) changes[apiName(k)] = { from: p!.existing[k] ?? null, to: p!.values[k] ?? null };
  if (p!.dimensionsChanged)
    changes.dimensions = {
      from: await dimensionRows(tx, p!.existing.id),
      to: (p!.input as unknown as { dimensions: DimensionInput[] }).dimensions,
    };
  return { id: p!.existing.id, changes };
}

/** The backfill warning (late-by-default.ts) for the incidents this plan creates, under the active rule set. */
async function warnLate(tx: Queryable, def: KindDef<BaseInput>, plan: Planned[], now: Date): Promise<LateByDefault[]> {
  if (def.kind !== 'incidents') return [];
  const items = plan.map((p) => ({ index: p.index, input: p.input, created: p.outcome === 'created' }));
  return items.some((i) => i.created) ? lateByDefault(items, await activeRatingRuleSet(tx), now) : [];
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
