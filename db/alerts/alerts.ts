import { and, count, eq, gte, isNotNull, isNull, lt, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '../client';
import type { SyncTx as Tx } from '../tx';
import { alertReads, alerts, units, users } from '../schema';
import type { Actor, Scope } from '@/domain/auth/actor';
import type { AlertLink, AlertView, CandidateAlert } from '@/domain/alerts/types';
import type { Level } from '@/domain/reference/level-codes';
import { inScope } from '@/db/scope';
import { orderOf, type AlertOrder } from './alert-triage';

/**
 * Stores candidate alerts; the unique index on (rule, subject_kind, subject_key, period) makes each fire
 * exactly once however often, and by however many processes, the rules are evaluated. Returns how many
 * were new.
 */
export function storeAlerts(db: Db | Tx, candidates: readonly CandidateAlert[], firedAt: Date): number {
  let stored = 0;
  for (let i = 0; i < candidates.length; i += 200) {
    const chunk = candidates.slice(i, i + 200);
    stored += db
      .insert(alerts)
      .values(chunk.map((c) => ({ ...c, firedAt })))
      .onConflictDoNothing()
      .run().changes;
  }
  return stored;
}

export interface AlertFilters {
  rule?: string;
  colour?: Level;
  /** A unit code: alerts of that unit and the units below it. */
  unit?: string;
  acknowledged?: boolean;
  /** Fired at or after / before these instants. */
  from?: Date;
  to?: Date;
}

const ackUser = alias(users, 'ack_user');

function whereOf(scope: Scope, f: AlertFilters): SQL | undefined {
  return and(
    inScope(alerts.unitId, scope),
    f.rule ? eq(alerts.rule, f.rule) : undefined,
    f.colour ? eq(alerts.colour, f.colour) : undefined,
    f.unit
      ? sql`${alerts.unitId} IN (SELECT u.id FROM units u WHERE u.path LIKE (SELECT p.path FROM units p WHERE p.code = ${f.unit}) || '%')`
      : undefined,
    f.acknowledged === undefined ? undefined : f.acknowledged ? isNotNull(alerts.acknowledgedAt) : isNull(alerts.acknowledgedAt),
    f.from ? gte(alerts.firedAt, f.from) : undefined,
    f.to ? lt(alerts.firedAt, f.to) : undefined,
  );
}

/** What every alert listing reads: the alert, its unit's code, and when and why it was acknowledged. */
const listed = {
  id: alerts.id,
  rule: alerts.rule,
  colour: alerts.colour,
  subjectKind: alerts.subjectKind,
  subjectKey: alerts.subjectKey,
  period: alerts.period,
  unitCode: units.code,
  domain: alerts.domain,
  messageZh: alerts.messageZh,
  messageEn: alerts.messageEn,
  details: alerts.details,
  firedAt: alerts.firedAt,
  acknowledgedAt: alerts.acknowledgedAt,
  acknowledgeComment: alerts.acknowledgeComment,
};

function select(db: Db, userId: number) {
  return db
    .select({
      ...listed,
      unitId: alerts.unitId,
      unitName: units.name,
      unitNameEn: units.nameEn,
      acknowledgedBy: ackUser.displayName,
      readId: alertReads.id,
    })
    .from(alerts)
    .leftJoin(units, eq(units.id, alerts.unitId))
    .leftJoin(ackUser, eq(ackUser.id, alerts.acknowledgedBy))
    .leftJoin(alertReads, and(eq(alertReads.alertId, alerts.id), eq(alertReads.userId, userId)));
}

type Selected = Awaited<ReturnType<ReturnType<typeof select>['all']>>[number];
const toRow = ({ details, readId, ...r }: Selected): AlertView => ({
  ...r,
  links: ((details as { links?: AlertLink[] } | null)?.links ?? []) as AlertLink[],
  read: readId !== null,
});

/** One page of the inbox within the viewer's scope, in the order asked for. */
export function listAlerts(
  db: Db,
  viewer: Pick<Actor, 'userId' | 'scope'>,
  filters: AlertFilters,
  page: { page: number; pageSize: number },
  order: AlertOrder = 'action',
): { total: number; rows: AlertView[] } {
  const where = whereOf(viewer.scope, filters);
  const total = db.select({ n: count() }).from(alerts).where(where).get()?.n ?? 0;
  const rows = select(db, viewer.userId)
    .where(where)
    .orderBy(...orderOf(order))
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize)
    .all();
  return { total, rows: rows.map(toRow) };
}

/** The newest alerts in scope (for the overview's "latest alerts"). */
export function latestAlerts(db: Db, scope: Scope, limit: number, userId = 0): AlertView[] {
  return select(db, userId)
    .where(inScope(alerts.unitId, scope))
    .orderBy(...orderOf('newest'))
    .limit(limit)
    .all()
    .map(toRow);
}

/** Alerts in scope fired in [from, to), oldest first (the monthly bulletin's "the month's alerts"). */
export function alertsInPeriod(db: Db, scope: Scope, from: Date, to: Date, userId = 0): AlertView[] {
  return select(db, userId).where(whereOf(scope, { from, to })).orderBy(alerts.firedAt, alerts.id).all().map(toRow);
}

/** One alert if it lies in the viewer's scope; otherwise (or if there is none) null, alike. */
export function alertInScope(db: Db, viewer: Pick<Actor, 'userId' | 'scope'>, id: number): AlertView | null {
  const row = select(db, viewer.userId)
    .where(and(eq(alerts.id, id), inScope(alerts.unitId, viewer.scope)))
    .get();
  return row ? toRow(row) : null;
}

/** API page: alerts in scope fired in [from, to), by id after `cursor`. */
export function alertsForApi(db: Db, scope: Scope, q: { from?: Date; to?: Date; cursor?: number; limit: number }) {
  const rows = db
    .select({ ...listed, acknowledgedBy: ackUser.login })
    .from(alerts)
    .leftJoin(units, eq(units.id, alerts.unitId))
    .leftJoin(ackUser, eq(ackUser.id, alerts.acknowledgedBy))
    .where(and(whereOf(scope, { from: q.from, to: q.to }), q.cursor ? sql`${alerts.id} > ${q.cursor}` : undefined))
    .orderBy(alerts.id)
    .limit(q.limit + 1)
    .all();
  const more = rows.length > q.limit;
  const data = rows.slice(0, q.limit);
  return { data, nextCursor: more ? String(data[data.length - 1]!.id) : null };
}

// Alerts in a scope, by scope, kept until an alert is added (alerts are never deleted, so the newest id
// is their version): the header shows the unread count on every page, and counting a large table on every
// request would cost more than the rest of the page.
const inScopeCounts = new Map<string, { newest: number; n: number }>();

function alertsInScopeCount(db: Db, scope: Scope): number {
  const newest = (db.$client.prepare('SELECT max(id) AS id FROM alerts').get() as { id: number | null }).id ?? 0;
  const key = scope.all ? 'all' : scope.unitIds.join(',');
  const hit = inScopeCounts.get(key);
  if (hit && hit.newest === newest) return hit.n;
  const n = db.select({ n: count() }).from(alerts).where(inScope(alerts.unitId, scope)).get()?.n ?? 0;
  if (inScopeCounts.size > 1000) inScopeCounts.clear();
  inScopeCounts.set(key, { newest, n });
  return n;
}

/** How many alerts in scope the user has not opened: those in scope less those the user has read. */
export function unreadAlertCount(db: Db, viewer: Pick<Actor, 'userId' | 'scope'>): number {
  const read =
    db
      .select({ n: count() })
      .from(alertReads)
      .innerJoin(alerts, eq(alerts.id, alertReads.alertId))
      .where(and(eq(alertReads.userId, viewer.userId), inScope(alerts.unitId, viewer.scope)))
      .get()?.n ?? 0;
  return Math.max(0, alertsInScopeCount(db, viewer.scope) - read);
}

export function markAlertRead(db: Db, userId: number, alertId: number, now: Date): void {
  db.insert(alertReads).values({ userId, alertId, readAt: now }).onConflictDoNothing().run();
}

/** Marks every alert in scope read for the user; returns how many were unread. */
export function markAllAlertsRead(db: Db, viewer: Pick<Actor, 'userId' | 'scope'>, now: Date): number {
  const filter = inScope(alerts.unitId, viewer.scope) ?? sql`1 = 1`;
  return db.run(
    sql`INSERT INTO alert_reads (user_id, alert_id, read_at)
        SELECT ${viewer.userId}, ${alerts.id}, ${now.getTime()} FROM ${alerts} WHERE ${filter}
        AND NOT EXISTS (SELECT 1 FROM alert_reads r WHERE r.alert_id = ${alerts.id} AND r.user_id = ${viewer.userId})`,
  ).changes;
}

/** The alert's acknowledgement state if it lies in the scope; undefined otherwise (or if there is none), alike. */
export function acknowledgementInScope(db: Db | Tx, alertId: number, scope: Scope) {
  return db
    .select({ id: alerts.id, unitId: alerts.unitId, acknowledgedAt: alerts.acknowledgedAt })
    .from(alerts)
    .where(and(eq(alerts.id, alertId), inScope(alerts.unitId, scope)))
    .get();
}

export function setAcknowledged(db: Db | Tx, alertId: number, by: { userId: number; comment: string | null }, now: Date): void {
  db.update(alerts)
    .set({ acknowledgedAt: now, acknowledgedBy: by.userId, acknowledgeComment: by.comment })
    .where(eq(alerts.id, alertId))
    .run();
}
