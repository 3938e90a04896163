import { pgTable, integer, text, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { instant, json } from './columns';
import { users } from './users';

// Twins of ../system.ts (job leases: docs/decisions/013-job-leases-and-bulletins.md).
export const jobRuns = pgTable(
  'job_runs',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    job: text('job').notNull(),
    period: text('period').notNull(),
    status: text('status', { enum: ['running', 'done', 'failed'] }).notNull(),
    startedAt: instant('started_at').notNull(),
    finishedAt: instant('finished_at'),
    error: text('error'),
    leaseUntil: instant('lease_until'),
    leaseOwner: text('lease_owner'),
    attempts: integer('attempts').notNull().default(1),
  },
  (t) => [uniqueIndex('job_runs_job_period_uq').on(t.job, t.period)],
);

export const auditLog = pgTable(
  'audit_log',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    at: instant('at').notNull(),
    actorUserId: integer('actor_user_id').references(() => users.id),
    action: text('action').notNull(),
    entityKind: text('entity_kind').notNull(),
    entityId: integer('entity_id'),
    unitId: integer('unit_id'),
    before: json<unknown>('before'),
    after: json<unknown>('after'),
    prevHash: text('prev_hash'),
    hash: text('hash').notNull(),
  },
  (t) => [
    index('audit_log_entity_idx').on(t.entityKind, t.entityId),
    index('audit_log_at_idx').on(t.at),
    uniqueIndex('audit_log_prev_hash_uq').on(t.prevHash),
  ],
);

export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

export const dataVersion = pgTable('data_version', {
  id: integer('id').primaryKey(),
  v: integer('v').notNull().default(0),
});
