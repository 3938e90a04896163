import { pgTable, text, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { projectStatuses } from '../projects';
import { instant, flag } from './columns';
import { recordColumns } from './record-columns';
import { domains } from './reference';

// Twin of ../projects.ts.
export const projects = pgTable(
  'projects',
  {
    ...recordColumns(),
    title: text('title').notNull(),
    domain: text('domain')
      .notNull()
      .references(() => domains.code),
    lead: text('lead'),
    requiresPermit: flag('requires_permit').notNull().default(false),
    permitAt: instant('permit_at'),
    requiresFiling: flag('requires_filing').notNull().default(false),
    filedAt: instant('filed_at'),
    startedAt: instant('started_at'),
    pausedAt: instant('paused_at'),
    closedAt: instant('closed_at'),
    status: text('status', { enum: projectStatuses }).notNull().default('planned'),
  },
  (t) => [
    uniqueIndex('projects_institute_external_uq').on(t.instituteId, t.externalId),
    index('projects_unit_started_idx').on(t.unitId, t.startedAt),
    index('projects_institute_idx').on(t.instituteId, t.startedAt),
    index('projects_domain_idx').on(t.domain),
    index('projects_started_idx').on(t.startedAt),
  ],
);
