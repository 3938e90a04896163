import type { Db } from '@/db/tx';
import { alertForDelivery, alertsNotDispatched, claimDueDeliveries, enqueueAlert, recordAttempt } from '@/db/delivery/deliveries';
import { DAY_MS } from '@/domain/time/shanghai';
import { deliveryConfigFromEnv } from '@/platform/delivery/config';
import { sendAlertEmail, sendAlertWebhook } from '@/platform/delivery/send';
import { deliveryTargets } from './targets';

// Queue notifications for new alerts, then send what is due. Safe to run in several processes at once and
// to repeat: queueing is idempotent per (alert, channel, recipient) and a row is sent only by the process
// whose UPDATE … RETURNING claimed it (docs/decisions/014-alert-delivery.md). jobs/alert-delivery.ts runs
// both every minute.

export const DELIVERY_LEASE_MS = 5 * 60_000;
const BACKOFF_BASE_MS = 60_000;
const BACKOFF_MAX_MS = 6 * 3_600_000;
/** Alerts older than this when first scanned (e.g. years of demo history) are not mailed out. */
export const MAX_ALERT_AGE_MS = 7 * DAY_MS;
/** Alerts scanned per transaction: one commit (one fsync under synchronous=FULL) per batch, not per alert. */
export const ENQUEUE_BATCH = 200;

/** The wait before attempt n+1 after n failed attempts: 1, 2, 4, … minutes, at most 6 hours. */
export function backoffMs(failedAttempts: number): number {
  return Math.min(BACKOFF_BASE_MS * 2 ** Math.max(0, failedAttempts - 1), BACKOFF_MAX_MS);
}

/**
 * Queues the deliveries of every alert not yet scanned; returns how many messages were queued. Each batch
 * is one transaction and the scan moves on by id, so a flood of alerts costs one commit per batch and one
 * pass over the table (it cost one commit per alert and a rescan per batch before: decision 030).
 */
export async function enqueueAlertDeliveries(db: Db, now = new Date(), config = deliveryConfigFromEnv()): Promise<number> {
  let queued = 0;
  let after = 0;
  const targetsFor = await deliveryTargets(db, config);
  for (;;) {
    const batch = await alertsNotDispatched(db, ENQUEUE_BATCH, after);
    if (batch.length === 0) return queued;
    after = batch[batch.length - 1]!.id;
    queued += await db.transaction(async (tx) => {
      let n = 0;
      for (const alert of batch) {
        const stale = now.getTime() - alert.firedAt.getTime() > MAX_ALERT_AGE_MS;
        n += stale
          ? await enqueueAlert(tx, alert.id, [], now, 'older than 7 days when first scanned')
          : await enqueueAlert(tx, alert.id, await targetsFor(tx, alert), now);
      }
      return n;
    });
  }
}

/** Sends every due delivery this process can claim; returns how many were delivered and how many failed. */
export async function sendDueDeliveries(
  db: Db,
  now = new Date(),
  config = deliveryConfigFromEnv(),
): Promise<{ delivered: number; failed: number }> {
  const out = { delivered: 0, failed: 0 };
  for (;;) {
    const claimed = await claimDueDeliveries(db, now, 50, DELIVERY_LEASE_MS);
    if (claimed.length === 0) return out;
    for (const d of claimed) {
      try {
        const found = await alertForDelivery(db, d.alertId);
        if (!found) throw new Error(`Alert ${d.alertId} not found`);
        const message = { alert: found.alert, unitCode: found.unitCode, unitName: found.unitName, unitNameEn: found.unitNameEn };
        if (d.channel === 'email') await sendAlertEmail(config, d.id, d.recipient, message);
        else await sendAlertWebhook(config, d.id, message, now);
        await recordAttempt(db, d, { ok: true }, now);
        out.delivered++;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        await recordAttempt(
          db,
          d,
          { ok: false, error: message.slice(0, 500), retryAt: new Date(now.getTime() + backoffMs(d.attempts)) },
          now,
        );
        out.failed++;
      }
    }
  }
}
