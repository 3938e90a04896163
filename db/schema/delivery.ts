import { sqliteTable, integer, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { instant } from './columns';
import { alerts } from './alerts';

export const deliveryChannels = ['email', 'webhook'] as const;
export type DeliveryChannel = (typeof deliveryChannels)[number];
export const deliveryStatuses = ['pending', 'sending', 'delivered'] as const;

// The outbox of alert notifications: one row per (alert, channel, recipient), so a re-scan never doubles
// a message; a row is sent by the process that claimed it (status 'sending' with a lease).
export const alertDeliveries = sqliteTable(
  'alert_deliveries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    alertId: integer('alert_id')
      .notNull()
      .references(() => alerts.id),
    channel: text('channel', { enum: deliveryChannels }).notNull(),
    recipient: text('recipient').notNull(),
    status: text('status', { enum: deliveryStatuses }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: instant('next_attempt_at').notNull(),
    leaseUntil: instant('lease_until'),
    lastError: text('last_error'),
    createdAt: instant('created_at').notNull(),
    deliveredAt: instant('delivered_at'),
  },
  (t) => [
    uniqueIndex('alert_deliveries_alert_channel_recipient_uq').on(t.alertId, t.channel, t.recipient),
    index('alert_deliveries_due_idx').on(t.status, t.nextAttemptAt),
  ],
);

// Every attempt, successful or not, for the office's delivery page and for operators.
export const alertDeliveryAttempts = sqliteTable(
  'alert_delivery_attempts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    deliveryId: integer('delivery_id')
      .notNull()
      .references(() => alertDeliveries.id),
    attempt: integer('attempt').notNull(),
    at: instant('at').notNull(),
    ok: integer('ok', { mode: 'boolean' }).notNull(),
    error: text('error'),
  },
  (t) => [index('alert_delivery_attempts_delivery_idx').on(t.deliveryId)],
);

// Alerts the enqueuer has looked at (with or without recipients), so each alert is scanned once.
export const alertDispatch = sqliteTable('alert_dispatch', {
  alertId: integer('alert_id')
    .primaryKey()
    .references(() => alerts.id),
  scannedAt: instant('scanned_at').notNull(),
  recipients: integer('recipients').notNull(),
  note: text('note'),
});
