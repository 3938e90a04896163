import type { Db } from '@/db/client';
import {
  alertForDelivery,
  alertsNotDispatched,
  claimDueDeliveries,
  enqueueAlert,
  mailRecipients,
  recordAttempt,
  type AlertRow,
} from '@/db/queries/deliveries';
import type { DeliveryChannel } from '@/db/schema';
import { seesWholeAcademy } from '@/lib/auth/roles';
import { deliveryConfigFromEnv, emailConfigured, webhookConfigured, type DeliveryConfig } from '@/lib/delivery/config';
import { deliveryRoutes, rolesReceiving } from '@/lib/delivery/routes';
import { sendAlertEmail, sendAlertWebhook } from '@/lib/delivery/send';
import { DAY_MS } from '@/lib/time';

// Every minute: queue notifications for new alerts, then send what is due. Safe to run in several
// processes at once and to repeat: queueing is idempotent per (alert, channel, recipient) and a row is
// sent only by the process whose UPDATE … RETURNING claimed it (docs/decisions/014-alert-delivery.md).

export const DELIVERY_LEASE_MS = 5 * 60_000;
const BACKOFF_BASE_MS = 60_000;
const BACKOFF_MAX_MS = 6 * 3_600_000;
/** Alerts older than this when first scanned (e.g. years of demo history) are not mailed out. */
export const MAX_ALERT_AGE_MS = 7 * DAY_MS;

/** The wait before attempt n+1 after n failed attempts: 1, 2, 4, … minutes, at most 6 hours. */
export function backoffMs(failedAttempts: number): number {
  return Math.min(BACKOFF_BASE_MS * 2 ** Math.max(0, failedAttempts - 1), BACKOFF_MAX_MS);
}

function targetsFor(db: Db, alert: AlertRow, config: DeliveryConfig) {
  const routes = deliveryRoutes(db);
  const targets: { channel: DeliveryChannel; recipient: string }[] = [];
  if (emailConfigured(config)) {
    const seen = new Set<string>();
    for (const u of mailRecipients(db, rolesReceiving(routes, alert.colour))) {
      // Within the user's scope: academy-wide roles get every alert; others only alerts of their subtree.
      const inScope = seesWholeAcademy(u.role) || (alert.unitPath !== null && alert.unitPath.startsWith(u.unitPath));
      const email = u.email.trim().toLowerCase();
      if (inScope && email && !seen.has(email)) {
        seen.add(email);
        targets.push({ channel: 'email', recipient: email });
      }
    }
  }
  if (webhookConfigured(config) && routes.webhook.includes(alert.colour))
    targets.push({ channel: 'webhook', recipient: config.webhookUrl! });
  return targets;
}

/** Queues the deliveries of every alert not yet scanned; returns how many messages were queued. */
export function enqueueAlertDeliveries(db: Db, now = new Date(), config = deliveryConfigFromEnv()): number {
  let queued = 0;
  for (;;) {
    const batch = alertsNotDispatched(db, 200);
    if (batch.length === 0) return queued;
    for (const alert of batch) {
      const stale = now.getTime() - alert.firedAt.getTime() > MAX_ALERT_AGE_MS;
      queued += stale
        ? enqueueAlert(db, alert.id, [], now, 'older than 7 days when first scanned')
        : enqueueAlert(db, alert.id, targetsFor(db, alert, config), now);
    }
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
    const claimed = claimDueDeliveries(db, now, 50, DELIVERY_LEASE_MS);
    if (claimed.length === 0) return out;
    for (const d of claimed) {
      try {
        const found = alertForDelivery(db, d.alertId);
        if (!found) throw new Error(`Alert ${d.alertId} not found`);
        const message = { alert: found.alert, unitCode: found.unitCode, unitName: found.unitName, unitNameEn: found.unitNameEn };
        if (d.channel === 'email') await sendAlertEmail(config, d.id, d.recipient, message);
        else await sendAlertWebhook(config, d.id, message, now);
        recordAttempt(db, d, { ok: true }, now);
        out.delivered++;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        recordAttempt(db, d, { ok: false, error: message.slice(0, 500), retryAt: new Date(now.getTime() + backoffMs(d.attempts)) }, now);
        out.failed++;
      }
    }
  }
}

/** The scheduled job: queue, then send. A failure is logged (the next minute tries again), never thrown. */
export async function alertDelivery(db: Db, now = new Date(), config = deliveryConfigFromEnv()) {
  try {
    enqueueAlertDeliveries(db, now, config);
    return await sendDueDeliveries(db, now, config);
  } catch (error) {
    console.error('[jobs] alert-delivery failed', error);
    return { delivered: 0, failed: 0 };
  }
}
