import { sqliteTable, integer, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { instant } from './columns';
import { recordColumns } from './record-columns';
import { projects } from './projects';
import { riskDimensions } from './reference';
import { users } from './users';

export const assessmentStages = ['initiation', 'implementation', 'output', 'change'] as const;
export const assessmentStatuses = ['draft', 'submitted', 'approved', 'rejected', 'withdrawn'] as const;

export const assessments = sqliteTable(
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

// One row per assessed risk dimension: R = likelihood × impact on the 5×5 matrix.
export const assessmentDimensions = sqliteTable(
  'assessment_dimensions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
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
