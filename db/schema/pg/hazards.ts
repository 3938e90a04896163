import { pgTable, integer, text, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { hazardSeverities, hazardSources, hazardStatuses } from '../hazards';
import { instant } from './columns';
import { domainAndDimension, recordColumns } from './record-columns';
import { projects } from './projects';
import { users } from './users';

// Twin of ../hazards.ts (the covering indexes are explained there).
export const hazards = pgTable(
  'hazards',
  {
    ...recordColumns(),
    ...domainAndDimension(),
    severity: text('severity', { enum: hazardSeverities }).notNull(),
    source: text('source', { enum: hazardSources }).notNull().default('self_inspection'),
    foundAt: instant('found_at').notNull(),
    dueAt: instant('due_at').notNull(),
    rectifiedAt: instant('rectified_at'),
    verifiedAt: instant('verified_at'),
    verifiedBy: integer('verified_by').references(() => users.id),
    projectId: integer('project_id').references(() => projects.id),
    description: text('description'),
    rectificationPlan: text('rectification_plan'),
    status: text('status', { enum: hazardStatuses }).notNull().default('open'),
  },
  (t) => [
    uniqueIndex('hazards_institute_external_uq').on(t.instituteId, t.externalId),
    index('hazards_unit_found_idx').on(t.unitId, t.foundAt),
    index('hazards_rating_cover_idx').on(t.foundAt, t.instituteId, t.severity, t.dueAt, t.rectifiedAt, t.status, t.externalId),
    index('hazards_status_due_idx').on(t.status, t.dueAt),
    index('hazards_institute_found_idx').on(t.instituteId, t.foundAt),
    index('hazards_domain_cover_idx').on(t.domain, t.foundAt, t.unitId, t.status, t.severity, t.instituteId),
    index('hazards_dashboard_cover_idx').on(t.foundAt, t.unitId, t.domain, t.dimension, t.status),
    index('hazards_rectified_idx').on(t.rectifiedAt, t.foundAt, t.dueAt, t.instituteId, t.severity, t.status, t.externalId),
  ],
);
