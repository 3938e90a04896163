import { sqliteTable, integer, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { instant } from './columns';
import { domainAndDimension, recordColumns } from './record-columns';
import { projects } from './projects';
import { users } from './users';

export const hazardSeverities = ['general', 'major'] as const;
export const hazardStatuses = ['open', 'rectified', 'verified', 'withdrawn'] as const;
export const hazardSources = ['self_inspection', 'supervision'] as const;

export const hazards = sqliteTable(
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
    // Covering the rating's reads (see incidents_rating_cover_idx): by time found, and by rectification for
    // hazards found earlier that were overdue during the year.
    index('hazards_rating_cover_idx').on(t.foundAt, t.instituteId, t.severity, t.dueAt, t.rectifiedAt, t.status, t.externalId),
    index('hazards_status_due_idx').on(t.status, t.dueAt),
    index('hazards_institute_found_idx').on(t.instituteId, t.foundAt),
    // Covering the domain pages' reads of hazards found in a period (see incidents_domain_cover_idx).
    index('hazards_domain_cover_idx').on(t.domain, t.foundAt, t.unitId, t.status, t.severity, t.instituteId),
    // Covering the dashboards' counts per filing unit, domain and dimension over a period (db/dashboards/heatmaps.ts).
    index('hazards_dashboard_cover_idx').on(t.foundAt, t.unitId, t.domain, t.dimension, t.status),
    // The rating's overdue rule reads hazards found earlier and still open, or rectified late, in the year.
    index('hazards_rectified_idx').on(t.rectifiedAt, t.foundAt, t.dueAt, t.instituteId, t.severity, t.status, t.externalId),
  ],
);
