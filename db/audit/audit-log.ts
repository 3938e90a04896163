import { desc } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { auditLog } from '@/db/schema';
import type { SyncTx as Tx } from '@/db/tx';
import { entryHash, type AuditContent } from '@/db/audit/chain';
import { putSetting, RECORDS_CHANGED_SETTING } from '@/db/settings';

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

export interface AuditListRow {
  id: number;
  at: Date;
  action: string;
  entityKind: string;
  entityId: number | null;
  unitCode: string | null;
  actorLogin: string | null;
  before: unknown;
  after: unknown;
}

/** A page of the audit log, newest first, optionally one action or entity kind; for office and admin only. */
export function listAudit(db: Db, opts: { page: number; pageSize: number; entityKind?: string; action?: string }) {
  const where: string[] = [];
  const params: unknown[] = [];
  if (opts.entityKind) {
    where.push('a.entity_kind = ?');
    params.push(opts.entityKind);
  }
  if (opts.action) {
    where.push('a.action = ?');
    params.push(opts.action);
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = (db.$client.prepare(`SELECT count(*) AS n FROM audit_log a ${clause}`).get(...params) as { n: number }).n;
  const rows = db.$client
    .prepare(
      `SELECT a.id, a.at, a.action, a.entity_kind AS entityKind, a.entity_id AS entityId, un.code AS unitCode, us.login AS actorLogin, a.before, a.after
       FROM audit_log a LEFT JOIN units un ON un.id = a.unit_id LEFT JOIN users us ON us.id = a.actor_user_id
       ${clause} ORDER BY a.id DESC LIMIT ? OFFSET ?`,
    )
    .all(...params, opts.pageSize, (opts.page - 1) * opts.pageSize) as (Omit<AuditListRow, 'at' | 'before' | 'after'> & {
    at: number;
    before: string | null;
    after: string | null;
  })[];
  return {
    total,
    rows: rows.map((r) => ({
      ...r,
      at: new Date(r.at),
      before: r.before ? JSON.parse(r.before) : null,
      after: r.after ? JSON.parse(r.after) : null,
    })),
  };
}

/** The distinct entity kinds and actions in the log, for the filters. */
export function auditFacets(db: Db): { entityKinds: string[]; actions: string[] } {
  const col = (sql: string) => (db.$client.prepare(sql).all() as { v: string }[]).map((r) => r.v);
  return {
    entityKinds: col('SELECT DISTINCT entity_kind AS v FROM audit_log ORDER BY 1'),
    actions: col('SELECT DISTINCT action AS v FROM audit_log ORDER BY 1'),
  };
}
