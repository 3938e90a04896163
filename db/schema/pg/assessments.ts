import { pgTable, integer, text, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { assessmentStages, assessmentStatuses } from '../assessments';
import { instant } from './columns';
import { recordColumns } from './record-columns';
import { projects } from './projects';
import { riskDimensions } from './reference';
import { users } from './users';

// Twin of ../assessments.ts.
export const assessments = pgTable(
  'assessments',
  {
    ...recordColumns(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id),
    stage: text('stage', { enum: assessmentStages }).notNull(),
    status: text('status', { enum: assessmentStatuses }).notNull().default('draft'),
    submittedAt: instant('submitted_at'),
    decidedAt: instant('decided_at'),
    decidedBy: integer('decided_by').references(() => users.id),
    reviewComment: text('review_comment'),
  },
  (t) => [
    uniqueIndex('assessments_institute_external_uq').on(t.instituteId, t.externalId),
    index('assessments_unit_submitted_idx').on(t.unitId, t.submittedAt),
    index('assessments_status_submitted_idx').on(t.status, t.submittedAt),
    index('assessments_project_idx').on(t.projectId),
    index('assessments_institute_idx').on(t.instituteId, t.status),
  ],
);

export const assessmentDimensions = pgTable(
  'assessment_dimensions',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    assessmentId: integer('assessment_id')
      .notNull()
      .references(() => assessments.id, { onDelete: 'cascade' }),
    dimension: text('dimension')
      .notNull()
      .references(() => riskDimensions.code),
    likelihood: integer('likelihood').notNull(),
    impact: integer('impact').notNull(),
    riskPoints: text('risk_points'),
    consequences: text('consequences'),
    measures: text('measures'),
  },
  (t) => [uniqueIndex('assessment_dimensions_uq').on(t.assessmentId, t.dimension)],
);
