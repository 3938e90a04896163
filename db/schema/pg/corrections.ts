import { pgTable, integer, text, index } from 'drizzle-orm/pg-core';
import { correctionStatuses, type CorrectionChanges } from '../corrections';
import { instant, json } from './columns';
import { unitColumns } from './record-columns';
import { users } from './users';

// Twin of ../corrections.ts (decision 023).
export const recordCorrections = pgTable(
  'record_corrections',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
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
