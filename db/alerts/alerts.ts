import { and, count, eq, gte, isNotNull, isNull, lt, sql, type SQL } from 'drizzle-orm';
import { alias } from '@/db/sql/alias';
import type { Queryable } from '../tx';
import { first, rawGet, rawRun } from '../engine';
import { alertReads, alerts, units, users } from '../schema';
import type { Actor, Scope } from '@/domain/auth/actor';
import type { AlertLink, AlertView, CandidateAlert } from '@/domain/alerts/types';
import type { Level } from '@/domain/reference/level-codes';
import { inScope } from '@/db/scope';
import { orderOf, type AlertOrder } from './alert-triage';
import { lockKey } from '@/db/sql/locks';
import { moveDataVersion } from '@/db/changes/data-version';

/**
 * Stores candidate alerts; the unique index on (rule, subject_kind, subject_key, period) makes each fire
 * exactly once however often, and by however many processes, the rules are evaluated. Returns how many
 * were new.
 */
export async function storeAlerts(q: Queryable, candidates: readonly CandidateAlert[], firedAt: Date): Promise<number> {
  if (candidates.length === 0) return 0;
  // On PostgreSQL two servers may store the same alerts at once (decision 047 row 3): ON CONFLICT makes each
  // once, but two batches taking the same keys in opposite orders would deadlock, so keys go in one order.
  // The 'audit' lock first, as the data version below needs it anyway: the one lock order (audit, then
  // rows), the same as a submission's, which appends before it fires its incidents' alerts.
  await lockKey(q, 'audit');
  const sorted = [...candidates].sort(byAlertKey);
  let stored = 0;
  for (let i = 0; i < sorted.length; i += 200) {
    const chunk = sorted.slice(i, i + 200);
    const result = await q
      .insert(alerts)
      .values(chunk.map((c) => ({ ...c, firedAt })))
      .onConflictDoNothing();
    stored += result.changes;
  }
  if (stored > 0) await moveDataVersion(q);
  return stored;
}

/** The order of alerts_rule_subject_period_uq's columns, compared as the C collation does (by code unit). */
function byAlertKey(a: CandidateAlert, b: CandidateAlert): number {
  const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return cmp(a.rule, b.rule) || cmp(a.subjectKind, b.subjectKind) || cmp(a.subjectKey, b.subjectKey) || cmp(a.period, b.period);
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

function select(q: Queryable, userId: number) {
  return q
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

type Selected = Awaited<ReturnType<typeof select>>[number];
const toRow = ({ details, readId, ...r }: Selected): AlertView => ({
  ...r,
  links: ((details as { links?: AlertLink[] } | null)?.links ?? []) as AlertLink[],
  read: readId !== null,
});

/** One page of the inbox within the viewer's scope, in the order asked for. */
export async function listAlerts(
  q: Queryable,
  viewer: Pick<Actor, 'userId' | 'scope'>,
  filters: AlertFilters,
  page: { page: number; pageSize: number },
  order: AlertOrder = 'action',
): Promise<{ total: number; rows: AlertView[] }> {
  const where = whereOf(viewer.scope, filters);
  const total = first(await q.select({ n: count() }).from(alerts).where(where))?.n ?? 0;
  const rows = await select(q, viewer.userId)
    .where(where)
    .orderBy(...orderOf(order))
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize);
  return { total, rows: rows.map(toRow) };
}

/** The newest alerts in scope (for the overview's "latest alerts"). */
export async function latestAlerts(q: Queryable, scope: Scope, limit: number, userId = 0): Promise<AlertView[]> {
  const rows = await select(q, userId)
    .where(inScope(alerts.unitId, scope))
    .orderBy(...orderOf('newest'))
    .limit(limit);
  return rows.map(toRow);
}

/** Alerts in scope fired in [from, to), oldest first (the monthly bulletin's "the month's alerts"). */
export async function alertsInPeriod(q: Queryable, scope: Scope, from: Date, to: Date, userId = 0): Promise<AlertView[]> {
  const rows = await select(q, userId).where(whereOf(scope, { from, to })).orderBy(alerts.firedAt, alerts.id);
  return rows.map(toRow);
}

/** One alert if it lies in the viewer's scope; otherwise (or if there is none) null, alike. */
export async function alertInScope(q: Queryable, viewer: Pick<Actor, 'userId' | 'scope'>, id: number): Promise<AlertView | null> {
  const row = first(
    await select(q, viewer.userId)
      .where(and(eq(alerts.id, id), inScope(alerts.unitId, viewer.scope)))
      .limit(1),
  );
  return row ? toRow(row) : null;
}

/** API page: alerts in scope fired in [from, to), by id after `cursor`. */
export async function alertsForApi(db: Queryable, scope: Scope, q: { from?: Date; to?: Date; cursor?: number; limit: number }) {
  const rows = await db
    .select({ ...listed, acknowledgedBy: ackUser.login })
    .from(alerts)
    .leftJoin(units, eq(units.id, alerts.unitId))
    .leftJoin(ackUser, eq(ackUser.id, alerts.acknowledgedBy))
    .where(and(whereOf(scope, { from: q.from, to: q.to }), q.cursor ? sql`${alerts.id} > ${q.cursor}` : undefined))
    .orderBy(alerts.id)
    .limit(q.limit + 1);
  const more = rows.length > q.limit;
  const data = rows.slice(0, q.limit);
  return { data, nextCursor: more ? String(data[data.length - 1]!.id) : null };
}

// Alerts in a scope, by scope, kept until an alert is added (alerts are never deleted, so the newest id
// is their version): the header shows the unread count on every page, and counting a large table on every
// request would cost more than the rest of the page. The count is kept as its promise, so requests that
// arrive while it runs share it; a count that fails is forgotten.
const inScopeCounts = new Map<string, { newest: number; n: Promise<number> }>();

async function alertsInScopeCount(q: Queryable, scope: Scope): Promise<number> {
  // The version is read before counting, so an entry never claims a newer version than the alerts it counted.
  const newest = (await rawGet<{ id: number | null }>(q, sql`SELECT max(id) AS id FROM alerts`))?.id ?? 0;
  const key = scope.all ? 'all' : scope.unitIds.join(',');
  const hit = inScopeCounts.get(key);
  if (hit && hit.newest === newest) return hit.n;
  const n = q
    .select({ n: count() })
    .from(alerts)
    .where(inScope(alerts.unitId, scope))
    .then((rows) => first(rows)?.n ?? 0);
  if (inScopeCounts.size > 1000) inScopeCounts.clear();
  const entry = { newest, n };
  inScopeCounts.set(key, entry);
  n.catch(() => {
    if (inScopeCounts.get(key) === entry) inScopeCounts.delete(key);
  });
  return n;
}

/** How many alerts in scope the user has not opened: those in scope less those the user has read. */
export async function unreadAlertCount(q: Queryable, viewer: Pick<Actor, 'userId' | 'scope'>): Promise<number> {
  const read =
    first(
      await q
        .select({ n: count() })
        .from(alertReads)
        .innerJoin(alerts, eq(alerts.id, alertReads.alertId))
        .where(and(eq(alertReads.userId, viewer.userId), inScope(alerts.unitId, viewer.scope))),
    )?.n ?? 0;
  return Math.max(0, (await alertsInScopeCount(q, viewer.scope)) - read);
}

export async function markAlertRead(q: Queryable, userId: number, alertId: number, now: Date): Promise<void> {
  await q.insert(alertReads).values({ userId, alertId, readAt: now }).onConflictDoNothing();
}

/** Marks every alert in scope read for the user; returns how many were unread. */
export async function markAllAlertsRead(q: Queryable, viewer: Pick<Actor, 'userId' | 'scope'>, now: Date): Promise<number> {
  const filter = inScope(alerts.unitId, viewer.scope) ?? sql`1 = 1`;
  const result = await rawRun(
    q,
    sql`INSERT INTO alert_reads (user_id, alert_id, read_at)
        SELECT ${viewer.userId}, ${alerts.id}, ${now.getTime()} FROM ${alerts} WHERE ${filter}
        AND NOT EXISTS (SELECT 1 FROM alert_reads r WHERE r.alert_id = ${alerts.id} AND r.user_id = ${viewer.userId})`,
  );
  return result.changes;
}

/** The alert's acknowledgement state if it lies in the scope; undefined otherwise (or if there is none), alike. */
export async function acknowledgementInScope(q: Queryable, alertId: number, scope: Scope) {
  return first(
    await q
      .select({ id: alerts.id, unitId: alerts.unitId, acknowledgedAt: alerts.acknowledgedAt })
      .from(alerts)
      .where(and(eq(alerts.id, alertId), inScope(alerts.unitId, scope)))
      .limit(1),
  );
}

export async function setAcknowledged(
  q: Queryable,
  alertId: number,
  by: { userId: number; comment: string | null },
  now: Date,
): Promise<void> {
  await q
    .update(alerts)
    .set({ acknowledgedAt: now, acknowledgedBy: by.userId, acknowledgeComment: by.comment })
    .where(eq(alerts.id, alertId));
}
