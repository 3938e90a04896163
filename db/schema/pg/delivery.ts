import { pgTable, integer, text, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { deliveryChannels, deliveryStatuses } from '../delivery';
import { instant, flag } from './columns';
import { alerts } from './alerts';

// Twins of ../delivery.ts (the outbox of alert notifications).
export const alertDeliveries = pgTable(
  'alert_deliveries',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
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

export const alertDeliveryAttempts = pgTable(
  'alert_delivery_attempts',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    deliveryId: integer('delivery_id')
      .notNull()
      .references(() => alertDeliveries.id),
    attempt: integer('attempt').notNull(),
    at: instant('at').notNull(),
    ok: flag('ok').notNull(),
    error: text('error'),
  },
  (t) => [index('alert_delivery_attempts_delivery_idx').on(t.deliveryId)],
);

export const alertDispatch = pgTable('alert_dispatch', {
  alertId: integer('alert_id')
    .primaryKey()
    .references(() => alerts.id),
  scannedAt: instant('scanned_at').notNull(),
  recipients: integer('recipients').notNull(),
  note: text('note'),
});
