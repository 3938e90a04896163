import { pgTable, integer, text, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { ethicsStatuses } from '../ethics';
import { instant } from './columns';
import { recordColumns } from './record-columns';
import { projects } from './projects';

// Twins of ../ethics.ts.
export const ethicsCommittees = pgTable(
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

export const ethicsActivities = pgTable(
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

export const ethicsAnnualReports = pgTable(
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
