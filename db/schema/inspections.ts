import { sqliteTable, integer, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { instant } from './columns';
import { recordColumns } from './record-columns';
import { projects } from './projects';

export const inspectionKinds = ['supervision', 'self_inspection', 'special'] as const;
export const inspectionStatuses = ['planned', 'done', 'withdrawn'] as const;

// Periodic supervision inspections (监督检查) of a unit or one of its projects.
export const inspections = sqliteTable(
  'inspections',
  {
    ...recordColumns(),
    projectId: integer('project_id').references(() => projects.id),
    kind: text('kind', { enum: inspectionKinds }).notNull().default('supervision'),
    inspectedAt: instant('inspected_at').notNull(),
    inspector: text('inspector'),
    findings: text('findings'),
    hazardsFound: integer('hazards_found').notNull().default(0),
    status: text('status', { enum: inspectionStatuses }).notNull().default('done'),
  },
  (t) => [
    uniqueIndex('inspections_institute_external_uq').on(t.instituteId, t.externalId),
    index('inspections_unit_inspected_idx').on(t.unitId, t.inspectedAt),
    index('inspections_institute_idx').on(t.instituteId, t.inspectedAt),
  ],
);
