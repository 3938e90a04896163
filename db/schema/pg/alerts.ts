import { pgTable, integer, text, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { levels } from '@/domain/reference/level-codes';
import { instant, json } from './columns';
import { units } from './units';
import { users } from './users';

// Twins of ../alerts.ts: the unique index guarantees an alert once per (rule, subject, period) here too.
export const alerts = pgTable(
  'alerts',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    rule: text('rule').notNull(),
    subjectKind: text('subject_kind').notNull(),
    subjectKey: text('subject_key').notNull(),
    period: text('period').notNull(),
    colour: text('colour', { enum: levels }).notNull(),
    unitId: integer('unit_id').references(() => units.id),
    domain: text('domain'),
    messageZh: text('message_zh').notNull(),
    messageEn: text('message_en').notNull(),
    details: json<Record<string, unknown>>('details'),
    firedAt: instant('fired_at').notNull(),
    acknowledgedAt: instant('acknowledged_at'),
    acknowledgedBy: integer('acknowledged_by').references(() => users.id),
    acknowledgeComment: text('acknowledge_comment'),
  },
  (t) => [
    uniqueIndex('alerts_rule_subject_period_uq').on(t.rule, t.subjectKind, t.subjectKey, t.period),
    index('alerts_fired_idx').on(t.firedAt),
    index('alerts_unit_idx').on(t.unitId),
  ],
);

export const alertReads = pgTable(
  'alert_reads',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    alertId: integer('alert_id')
      .notNull()
      .references(() => alerts.id),
    readAt: instant('read_at').notNull(),
  },
  (t) => [uniqueIndex('alert_reads_user_alert_uq').on(t.userId, t.alertId)],
);

export const bulletins = pgTable('bulletins', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  month: text('month').notNull().unique(),
  generatedAt: instant('generated_at').notNull(),
  body: json<unknown>('body').notNull(),
});
