import { eq } from 'drizzle-orm';
import type { Db, Queryable, Tx } from '@/db/tx';
import { first } from '@/db/engine';
import { appendAudit, type AuditEntry } from '@/db/audit/audit-log';
import { recordKinds, type RecordKind } from '@/db/records/record-kinds';
import { canSee, type Actor } from '@/domain/auth/actor';
import { auditValues } from '@/db/audit/chain';
import type { Locale } from '@/domain/i18n/locales';
import { translate } from '@/domain/i18n/translate';
import { judgeChange, type Change } from '@/domain/records/seal-rules';
import { ratingsFollowWrites } from '@/features/rating/follow-writes';

// What every workflow step shares: its refusal, the role and scope checks, the IMMEDIATE transaction, the
// audit entry with the values before and after, and the ratings following the committed write.

export interface WorkflowProblem {
  field: string;
  key: string;
  params?: Record<string, string | number>;
}

/** A workflow step refused: `forbidden` for role or scope, `invalid` when the record's state does not allow it. */
export class WorkflowRefused extends Error {
  constructor(
    readonly reason: 'forbidden' | 'invalid',
    readonly problems: WorkflowProblem[],
  ) {
    super(`${reason}: ${problems.map((p) => `${p.field} ${translate('en', p.key, p.params)}`).join('; ')}`);
  }

  say(locale: Locale): { field: string; message: string }[] {
    return this.problems.map((p) => ({ field: p.field, message: translate(locale, p.key, p.params) }));
  }
}

export const refuse = (reason: WorkflowRefused['reason'], field: string, key: string, params?: WorkflowProblem['params']): never => {
  throw new WorkflowRefused(reason, [{ field, key, params }]);
};

export function requireRole(allowed: boolean, key: string): void {
  if (!allowed) refuse('forbidden', '(role)', key);
}

/**
 * A record for a step, or a refusal. Outside the caller's scope it is refused; to a caller limited to
 * part of the academy a missing id looks the same (as readRecord does), so ids cannot be probed.
 */
export async function loadRecord(
  tx: Queryable,
  actor: Actor,
  kind: RecordKind,
  id: number,
): Promise<Record<string, unknown> & { id: number; unitId: number }> {
  const table = recordKinds[kind].table;
  const row = first(await tx.select().from(table).where(eq(table.id, id)).limit(1)) as
    (Record<string, unknown> & { id: number; unitId: number }) | undefined;
  if (!row)
    return actor.scope.all ? refuse('invalid', '(record)', 'workflow.notFound') : refuse('forbidden', '(record)', 'workflow.outsideScope');
  if (!canSee(actor.scope, row.unitId)) refuse('forbidden', '(record)', 'workflow.outsideScope');
  return row;
}

/** The seal table's judgement (domain/records/seal-rules.ts) for a step's change, as a refusal. */
export function guard(actor: Actor, kind: RecordKind, row: Record<string, unknown>, change: Change): void {
  const refusal = judgeChange(kind, row, actor.role, change);
  if (refusal) refuse('forbidden', refusal.field, refusal.key, refusal.params);
}

/**
 * One step in one write transaction (IMMEDIATE, queued), its audit entries appended last; once it has
 * committed, the ratings follow the write (a refused step throws before that and changes nothing).
 */
export async function step<T>(db: Db, now: Date, work: (tx: Tx, audit: AuditEntry[]) => Promise<T>): Promise<T> {
  const result = await db.transaction(async (tx) => {
    const audit: AuditEntry[] = [];
    const out = await work(tx, audit);
    await appendAudit(tx, audit, now);
    return out;
  });
  await ratingsFollowWrites(db, now);
  return result;
}

export function entry(
  actor: Actor,
  kind: RecordKind,
  row: { id: number; unitId: number },
  action: string,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): AuditEntry {
  return {
    actorUserId: actor.userId,
    action: `${kind}.${action}`,
    entityKind: kind,
    entityId: row.id,
    unitId: row.unitId,
    before: auditValues(before),
    after: auditValues({ ...after, source: 'form' }),
  };
}

export const picked = (row: Record<string, unknown>, keys: string[]) => Object.fromEntries(keys.map((k) => [k, row[k] ?? null]));
export const blank = (text: string | null | undefined) => !text || text.trim() === '';
