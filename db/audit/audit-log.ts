import { desc, sql, type SQL } from 'drizzle-orm';
import { auditLog } from '@/db/schema';
import type { Queryable } from '@/db/tx';
import { first, rawAll, rawGet } from '@/db/engine';
import { entryHash, type AuditContent } from '@/db/audit/chain';
import { putSetting, RECORDS_CHANGED_SETTING } from '@/db/settings';
import { lockKey } from '@/db/sql/locks';
import { insertRows } from '@/db/sql/insert-rows';
import { moveDataVersion } from '@/db/changes/data-version';

export type AuditEntry = Omit<AuditContent, 'at'>;

/**
 * Appends entries to the chain inside the caller's transaction. The engine's write transactions are
 * IMMEDIATE and queued (decision 040: one writer at a time), so no other writer can append between reading
 * the tail and writing; on PostgreSQL the 'audit' lock does the same across servers, held to the commit
 * (decision 047 row 1). The unique prev_hash index would refuse a fork anyway. Called with the Db outside a
 * transaction, the read and each insert would be separate: always pass the caller's `tx`.
 */
export async function appendAudit(tx: Queryable, entries: AuditEntry[], at: Date): Promise<void> {
  if (entries.length === 0) return;
  await lockKey(tx, 'audit');
  let prev = first(await tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1))?.hash ?? null;
  const rows = entries.map((e) => {
    const content: AuditContent = { ...e, at: at.getTime() };
    const hash = entryHash(prev, content);
    const row = { ...e, at, prevHash: prev, hash };
    prev = hash;
    return row;
  });
  // In the chain's order: ids ascend with it (the tail above is the highest id).
  await insertRows(tx, auditLog, rows, undefined, 200);
  // Every audited change moves the data version that dashboards and the page cache are kept by (latestChanges).
  await putSetting(tx, RECORDS_CHANGED_SETTING, String(at.getTime()));
  await moveDataVersion(tx);
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

/** Entries read per query while verifying: memory stays flat however long the log is. */
const VERIFY_PAGE = 500;

/**
 * Walks the whole log in order, recomputing every hash; reads page by page (by id) so memory stays flat.
 * Pages need no common snapshot: entries are only ever appended, each linking to the one before, so an
 * entry appended between two pages is checked like any other; only a changed entry breaks the chain.
 */
export async function verifyAuditChain(q: Queryable): Promise<ChainCheck> {
  let prev: string | null = null;
  let entries = 0;
  for (let after = 0; ;) {
    const rows = await rawAll<RawEntry>(
      q,
      sql`SELECT id, at, actor_user_id, action, entity_kind, entity_id, unit_id, before, after, prev_hash, hash
          FROM audit_log WHERE id > ${after} ORDER BY id LIMIT ${VERIFY_PAGE}`,
    );
    for (const row of rows) {
      entries++;
      if (row.prev_hash !== prev) return { ok: false, entries, brokenAt: { id: row.id, reason: 'link' } };
      if (entryHash(prev, rawContent(row)) !== row.hash) return { ok: false, entries, brokenAt: { id: row.id, reason: 'hash' } };
      prev = row.hash;
    }
    if (rows.length < VERIFY_PAGE) return { ok: true, entries };
    after = rows[rows.length - 1]!.id;
  }
}

function rawContent(row: RawEntry): AuditContent {
  return {
    at: row.at,
    actorUserId: row.actor_user_id,
    action: row.action,
    entityKind: row.entity_kind,
    entityId: row.entity_id,
    unitId: row.unit_id,
    before: row.before === null ? null : JSON.parse(row.before),
    after: row.after === null ? null : JSON.parse(row.after),
  };
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
export async function listAudit(q: Queryable, opts: { page: number; pageSize: number; entityKind?: string; action?: string }) {
  const where: SQL[] = [];
  if (opts.entityKind) where.push(sql`a.entity_kind = ${opts.entityKind}`);
  if (opts.action) where.push(sql`a.action = ${opts.action}`);
  const clause = where.length ? sql`WHERE ${sql.join(where, sql` AND `)}` : sql``;
  const total = (await rawGet<{ n: number }>(q, sql`SELECT count(*) AS n FROM audit_log a ${clause}`))!.n;
  const rows = await rawAll<
    Omit<AuditListRow, 'at' | 'before' | 'after'> & {
      at: number;
      before: string | null;
      after: string | null;
    }
  >(
    q,
    sql`SELECT a.id, a.at, a.action, a.entity_kind AS "entityKind", a.entity_id AS "entityId", un.code AS "unitCode", us.login AS "actorLogin", a.before, a.after
       FROM audit_log a LEFT JOIN units un ON un.id = a.unit_id LEFT JOIN users us ON us.id = a.actor_user_id
       ${clause} ORDER BY a.id DESC LIMIT ${opts.pageSize} OFFSET ${(opts.page - 1) * opts.pageSize}`,
  );
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
export async function auditFacets(q: Queryable): Promise<{ entityKinds: string[]; actions: string[] }> {
  const entityKinds = await rawAll<{ v: string }>(q, sql`SELECT DISTINCT entity_kind AS v FROM audit_log ORDER BY 1`);
  const actions = await rawAll<{ v: string }>(q, sql`SELECT DISTINCT action AS v FROM audit_log ORDER BY 1`);
  return { entityKinds: entityKinds.map((r) => r.v), actions: actions.map((r) => r.v) };
}
