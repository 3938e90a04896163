import { desc } from 'drizzle-orm';
import type { Db } from '../client';
import { auditLog } from '../schema';
import { entryHash, type AuditContent } from '@/lib/audit/chain';
import { putSetting, RECORDS_CHANGED_SETTING } from './settings';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type AuditEntry = Omit<AuditContent, 'at'>;

/**
 * Appends entries to the chain inside the caller's transaction. The transaction must be IMMEDIATE (it
 * holds the write lock from its start), so no other writer can append between reading the tail and
 * writing; the unique prev_hash index would refuse a fork anyway.
 */
export function appendAudit(tx: Tx | Db, entries: AuditEntry[], at: Date): void {
  if (entries.length === 0) return;
  let prev = tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1).get()?.hash ?? null;
  const rows = entries.map((e) => {
    const content: AuditContent = { ...e, at: at.getTime() };
    const hash = entryHash(prev, content);
    const row = { ...e, at, prevHash: prev, hash };
    prev = hash;
    return row;
  });
  for (let i = 0; i < rows.length; i += 200)
    tx.insert(auditLog)
      .values(rows.slice(i, i + 200))
      .run();
  // Every audited change may change a rating's inputs: stored provisional ratings compare against this.
  putSetting(tx, RECORDS_CHANGED_SETTING, String(at.getTime()));
}

interface RawEntry {
  id: number;
  at: number;
  actor_user_id: number | null;
  action: string;
  entity_kind: string;
  entity_id: number | null;
  unit_id: number | null;
  before: string | null;
  after: string | null;
  prev_hash: string | null;
  hash: string;
}

export interface ChainCheck {
  ok: boolean;
  entries: number;
  /** The first entry whose link or hash does not match, if any. */
  brokenAt?: { id: number; reason: 'link' | 'hash' };
}

/** Walks the whole log in order, recomputing every hash; reads row by row so memory stays flat. */
export function verifyAuditChain(db: Db): ChainCheck {
  let prev: string | null = null;
  let entries = 0;
  const rows = db.$client
    .prepare(
      'SELECT id, at, actor_user_id, action, entity_kind, entity_id, unit_id, before, after, prev_hash, hash FROM audit_log ORDER BY id',
    )
    .iterate() as IterableIterator<RawEntry>;
  for (const row of rows) {
    entries++;
    if (row.prev_hash !== prev) return { ok: false, entries, brokenAt: { id: row.id, reason: 'link' } };
    const content: AuditContent = {
      at: row.at,
      actorUserId: row.actor_user_id,
      action: row.action,
      entityKind: row.entity_kind,
      entityId: row.entity_id,
      unitId: row.unit_id,
      before: row.before === null ? null : JSON.parse(row.before),
      after: row.after === null ? null : JSON.parse(row.after),
    };
    if (entryHash(prev, content) !== row.hash) return { ok: false, entries, brokenAt: { id: row.id, reason: 'hash' } };
    prev = row.hash;
  }
  return { ok: true, entries };
}
