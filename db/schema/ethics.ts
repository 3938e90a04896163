import { sqliteTable, integer, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { instant } from './columns';
import { recordColumns } from './record-columns';
import { projects } from './projects';

// `accepted`: a unit reviewer has checked the filing (decision 023); it counts exactly as `active` does.
export const ethicsStatuses = ['active', 'accepted', 'withdrawn'] as const;

// An ethics (review) committee must register on the national platform within 30 days of being set up.
export const ethicsCommittees = sqliteTable(
  'ethics_committees',
  {
    ...recordColumns(),
    name: text('name'),
    establishedAt: instant('established_at').notNull(),
    registeredAt: instant('registered_at'),
    dissolvedAt: instant('dissolved_at'),
    status: text('status', { enum: ethicsStatuses }).notNull().default('active'),
  },
  (t) => [
    uniqueIndex('ethics_committees_institute_external_uq').on(t.instituteId, t.externalId),
    index('ethics_committees_unit_idx').on(t.unitId, t.establishedAt),
    index('ethics_committees_institute_idx').on(t.instituteId),
  ],
);

// A list-managed activity (纳入清单管理的科技活动) registers within 30 days of ethics approval and needs expert re-review.
export const ethicsActivities = sqliteTable(
  'ethics_activities',
  {
    ...recordColumns(),
    title: text('title'),
    projectId: integer('project_id').references(() => projects.id),
    approvedAt: instant('approved_at').notNull(),
    registeredAt: instant('registered_at'),
    reReviewedAt: instant('re_reviewed_at'),
    status: text('status', { enum: ethicsStatuses }).notNull().default('active'),
  },
  (t) => [
    uniqueIndex('ethics_activities_institute_external_uq').on(t.instituteId, t.externalId),
    index('ethics_activities_unit_idx').on(t.unitId, t.approvedAt),
    index('ethics_activities_institute_idx').on(t.instituteId),
  ],
);

// The committee's annual report for `year`, due by 31 March of the following year. The API sends no
// externalId for it (its key is unit + year); intake stores `AR-<year>`, as the factories do.
export const ethicsAnnualReports = sqliteTable(
  'ethics_annual_reports',
  {
    ...recordColumns(),
    year: integer('year').notNull(),
    submittedAt: instant('submitted_at').notNull(),
    status: text('status', { enum: ethicsStatuses }).notNull().default('active'),
  },
  (t) => [
    uniqueIndex('ethics_annual_reports_institute_external_uq').on(t.instituteId, t.externalId),
    uniqueIndex('ethics_annual_reports_institute_year_uq').on(t.instituteId, t.year),
    index('ethics_annual_reports_unit_idx').on(t.unitId, t.submittedAt),
  ],
);
