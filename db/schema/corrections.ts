import { sqliteTable, integer, text, index } from 'drizzle-orm/sqlite-core';
import { instant, json } from './columns';
import { unitColumns } from './record-columns';
import { users } from './users';

export const correctionStatuses = ['proposed', 'accepted', 'refused'] as const;

/** One field's proposed change, in the API's terms (`dimensions` for an assessment's list). */
export type CorrectionChanges = Record<string, { from: unknown; to: unknown }>;

// A correction the submitting unit proposes to a record a reviewer has sealed (decision 023). `item` is the
// whole record as proposed, in the API's JSON form: accepting submits it through submitRecords as the
// reviewer. `recordHash` fingerprints the record when proposed, so accepting a stale proposal is refused.
export const recordCorrections = sqliteTable(
  'record_corrections',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind').notNull(),
    recordId: integer('record_id').notNull(),
    ...unitColumns(),
    proposedBy: integer('proposed_by')
      .notNull()
      .references(() => users.id),
    proposedAt: instant('proposed_at').notNull(),
    reason: text('reason').notNull(),
    changes: json<CorrectionChanges>('changes').notNull(),
    item: json<Record<string, unknown>>('item').notNull(),
    recordHash: text('record_hash').notNull(),
    status: text('status', { enum: correctionStatuses }).notNull().default('proposed'),
    decidedBy: integer('decided_by').references(() => users.id),
    decidedAt: instant('decided_at'),
    decisionComment: text('decision_comment'),
  },
  (t) => [index('record_corrections_record_idx').on(t.kind, t.recordId), index('record_corrections_status_idx').on(t.status, t.unitId)],
);
