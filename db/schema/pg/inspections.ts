import { pgTable, integer, text, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { inspectionKinds, inspectionStatuses } from '../inspections';
import { instant } from './columns';
import { recordColumns } from './record-columns';
import { projects } from './projects';

// Twin of ../inspections.ts.
export const inspections = pgTable(
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
