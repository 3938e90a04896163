import { sqliteTable, integer, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { instant, json } from './columns';
import { users } from './users';

// A job claims its (job, period) here before it runs, so restarts and parallel processes never repeat it.
// A claim is a lease: a `running` row whose lease has expired (its process died) or a `failed` row can be
// claimed again; a `done` row never is (docs/decisions/013-job-leases-and-bulletins.md).
export const jobRuns = sqliteTable(
  'job_runs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    job: text('job').notNull(),
    period: text('period').notNull(),
    status: text('status', { enum: ['running', 'done', 'failed'] }).notNull(),
    startedAt: instant('started_at').notNull(),
    finishedAt: instant('finished_at'),
    error: text('error'),
    leaseUntil: instant('lease_until'),
    // Who holds the claim: a finish by a process whose lease was taken over changes nothing.
    leaseOwner: text('lease_owner'),
    attempts: integer('attempts').notNull().default(1),
  },
  (t) => [uniqueIndex('job_runs_job_period_uq').on(t.job, t.period)],
);

// Append-only; each entry carries the hash of the previous one so that tampering shows.
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
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
  // One successor per entry: two writers appending to the same tail cannot fork the chain.
  (t) => [
    index('audit_log_entity_idx').on(t.entityKind, t.entityId),
    index('audit_log_at_idx').on(t.at),
    uniqueIndex('audit_log_prev_hash_uq').on(t.prevHash),
  ],
);

export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

// The data version (decision 047 row 8): one row (id 1), its counter moved by every transaction that writes
// records, ratings or alerts. Kept pages and memoised aggregates on every server are valid while it stays;
// max(id)s could not say so on PostgreSQL, where ids are taken at insert, not at commit.
export const dataVersion = sqliteTable('data_version', {
  id: integer('id').primaryKey(),
  v: integer('v').notNull().default(0),
});
