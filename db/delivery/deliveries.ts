import { and, desc, eq, gt, inArray, isNotNull, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db, Queryable } from '../tx';
import { first, rawRun } from '../engine';
import { alertDeliveries, alertDeliveryAttempts, alertDispatch, alerts, units, users, type DeliveryChannel } from '../schema';
import type { Role } from '@/domain/reference/roles';

// The alert outbox (features/delivery/deliver.ts). Every statement that decides who sends what is
// a single conditional write, so several processes can run the delivery job at once.

export type AlertRow = typeof alerts.$inferSelect & { unitCode: string | null; unitPath: string | null };
export type DeliveryRow = typeof alertDeliveries.$inferSelect;

/**
 * Alerts the enqueuer has not looked at yet, oldest first, after `afterId` (the last id of the previous
 * batch: without it each batch would walk again past every alert already scanned, quadratic in a flood).
 */
export async function alertsNotDispatched(q: Queryable, limit: number, afterId = 0): Promise<AlertRow[]> {
  const rows = await q
    .select({ alert: alerts, unitCode: units.code, unitPath: units.path })
    .from(alerts)
    .leftJoin(alertDispatch, eq(alertDispatch.alertId, alerts.id))
    .leftJoin(units, eq(units.id, alerts.unitId))
    .where(and(isNull(alertDispatch.alertId), gt(alerts.id, afterId)))
    .orderBy(alerts.id)
    .limit(limit);
  return rows.map((r) => ({ ...r.alert, unitCode: r.unitCode, unitPath: r.unitPath }));
}

/**
 * Active users with an e-mail address in the given roles whose scope holds a unit at `unitPath`: every
 * user of an academy-wide role, and the others whose unit's subtree contains it (the scope resolve-actor
 * gives them: their unit's path is a prefix of the unit's). A null path (an academy-wide alert) reaches
 * academy-wide roles only.
 */
export async function mailRecipients(
  q: Queryable,
  roleList: readonly Role[],
  reach: { academyWide: readonly Role[]; unitPath: string | null },
): Promise<{ id: number; email: string; role: Role }[]> {
  if (roleList.length === 0) return [];
  const sees = or(
    reach.academyWide.length ? inArray(users.role, [...reach.academyWide]) : undefined,
    reach.unitPath === null ? undefined : sql`${reach.unitPath} LIKE ${units.path} || '%'`,
  );
  if (!sees) return [];
  const rows = await q
    .select({ id: users.id, email: users.email, role: users.role })
    .from(users)
    .innerJoin(units, eq(units.id, users.unitId))
    .where(and(eq(users.active, true), isNotNull(users.email), inArray(users.role, [...roleList]), sees));
  // The e-mail column is nullable; the condition above keeps only the users who have one.
  return rows as { id: number; email: string; role: Role }[];
}

/**
 * Enqueues the alert's deliveries and marks it scanned, in one transaction (a savepoint inside the caller's).
 * The unique (alert, channel, recipient) index makes a second enqueuer's rows no-ops, so a message is never
 * queued twice; an alert another enqueuer marked first queues nothing here.
 */
export function enqueueAlert(
  q: Queryable,
  alertId: number,
  targets: { channel: DeliveryChannel; recipient: string }[],
  now: Date,
  note: string | null = null,
): Promise<number> {
  // The engine keeps these statements prepared: a flood scans thousands of alerts in one pass (decision 030).
  const at = now.getTime();
  return q.transaction(async (tx) => {
    const marked = await rawRun(
      tx,
      sql`INSERT INTO alert_dispatch (alert_id, scanned_at, recipients, note) VALUES (${alertId}, ${at}, ${targets.length}, ${note})
          ON CONFLICT DO NOTHING`,
    );
    if (marked.changes === 0) return 0;
    let queued = 0;
    for (const t of targets) {
      const result = await rawRun(
        tx,
        sql`INSERT INTO alert_deliveries (alert_id, channel, recipient, status, attempts, next_attempt_at, created_at)
            VALUES (${alertId}, ${t.channel}, ${t.recipient}, 'pending', 0, ${at}, ${at}) ON CONFLICT DO NOTHING`,
      );
      queued += result.changes;
    }
    return queued;
  });
}

/**
 * Claims up to `limit` due deliveries for this process in one UPDATE … RETURNING: pending ones whose time
 * has come, and ones left `sending` by a process that died (lease expired). A row is returned to one
 * claimer only; its attempt counter goes up now, so a crash mid-send still counts as an attempt.
 */
export async function claimDueDeliveries(q: Queryable, now: Date, limit: number, leaseMs: number): Promise<DeliveryRow[]> {
  const due = q
    .select({ id: alertDeliveries.id })
    .from(alertDeliveries)
    .where(
      or(
        and(eq(alertDeliveries.status, 'pending'), lte(alertDeliveries.nextAttemptAt, now)),
        and(eq(alertDeliveries.status, 'sending'), lte(alertDeliveries.leaseUntil, now)),
      ),
    )
    .orderBy(alertDeliveries.nextAttemptAt, alertDeliveries.id)
    .limit(limit);
  return q
    .update(alertDeliveries)
    .set({ status: 'sending', leaseUntil: new Date(now.getTime() + leaseMs), attempts: sql`${alertDeliveries.attempts} + 1` })
    .where(
      and(
        inArray(alertDeliveries.id, due),
        or(
          and(eq(alertDeliveries.status, 'pending'), lte(alertDeliveries.nextAttemptAt, now)),
          and(eq(alertDeliveries.status, 'sending'), lte(alertDeliveries.leaseUntil, now)),
        ),
      ),
    )
    .returning();
}

/** Records one attempt's outcome: delivered, or back to pending with the next attempt's time. */
export async function recordAttempt(
  db: Db,
  d: Pick<DeliveryRow, 'id' | 'attempts'>,
  outcome: { ok: true } | { ok: false; error: string; retryAt: Date },
  now: Date,
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .insert(alertDeliveryAttempts)
      .values({ deliveryId: d.id, attempt: d.attempts, at: now, ok: outcome.ok, error: outcome.ok ? null : outcome.error });
    // Only while this attempt still holds the row (same attempt number, still sending).
    const mine = and(eq(alertDeliveries.id, d.id), eq(alertDeliveries.status, 'sending'), eq(alertDeliveries.attempts, d.attempts));
    if (outcome.ok)
      await tx.update(alertDeliveries).set({ status: 'delivered', deliveredAt: now, leaseUntil: null, lastError: null }).where(mine);
    else
      await tx
        .update(alertDeliveries)
        .set({ status: 'pending', nextAttemptAt: outcome.retryAt, leaseUntil: null, lastError: outcome.error })
        .where(mine);
  });
}

export async function alertForDelivery(q: Queryable, alertId: number) {
  return first(
    await q
      .select({ alert: alerts, unitCode: units.code, unitName: units.name, unitNameEn: units.nameEn })
      .from(alerts)
      .leftJoin(units, eq(units.id, alerts.unitId))
      .where(eq(alerts.id, alertId))
      .limit(1),
  );
}

/** The office's status view: the latest deliveries with their alert. */
export async function recentDeliveries(q: Queryable, limit = 100) {
  return q
    .select({
      id: alertDeliveries.id,
      alertId: alertDeliveries.alertId,
      channel: alertDeliveries.channel,
      recipient: alertDeliveries.recipient,
      status: alertDeliveries.status,
      attempts: alertDeliveries.attempts,
      nextAttemptAt: alertDeliveries.nextAttemptAt,
      lastError: alertDeliveries.lastError,
      deliveredAt: alertDeliveries.deliveredAt,
      createdAt: alertDeliveries.createdAt,
      colour: alerts.colour,
      messageZh: alerts.messageZh,
      messageEn: alerts.messageEn,
    })
    .from(alertDeliveries)
    .innerJoin(alerts, eq(alerts.id, alertDeliveries.alertId))
    .orderBy(desc(alertDeliveries.id))
    .limit(limit);
}

export async function deliveryCounts(q: Queryable): Promise<Record<'pending' | 'sending' | 'delivered', number>> {
  const rows = await q
    .select({ status: alertDeliveries.status, n: sql<number>`count(*)` })
    .from(alertDeliveries)
    .groupBy(alertDeliveries.status);
  const out = { pending: 0, sending: 0, delivered: 0 };
  for (const r of rows) out[r.status] = Number(r.n);
  return out;
}

export async function attemptsOf(q: Queryable, deliveryId: number) {
  return q
    .select()
    .from(alertDeliveryAttempts)
    .where(eq(alertDeliveryAttempts.deliveryId, deliveryId))
    .orderBy(alertDeliveryAttempts.attempt);
}
