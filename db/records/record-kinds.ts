import type { DbColumn, DbTable } from '@/db/tx';
import type { RecordKind } from '@/domain/records/kinds';
import {
  assessments,
  ethicsActivities,
  ethicsAnnualReports,
  ethicsCommittees,
  hazards,
  incidents,
  inspections,
  projects,
} from '@/db/schema';

/** A record table: the shared record columns (see db/schema/record-columns.ts) plus its own. */
export type RecordTable = DbTable & {
  id: DbColumn;
  externalId: DbColumn;
  unitId: DbColumn;
  instituteId: DbColumn;
};

// The record kinds units submit, each with the columns the generic list and detail views need.
// The kind codes are the API's collection names (ethics ones hyphenated in URLs).
export const recordKinds = {
  projects: { table: projects, date: projects.startedAt, label: projects.title, status: projects.status, domain: projects.domain },
  assessments: { table: assessments, date: assessments.submittedAt, label: assessments.stage, status: assessments.status, domain: null },
  hazards: { table: hazards, date: hazards.foundAt, label: hazards.description, status: hazards.status, domain: hazards.domain },
  incidents: { table: incidents, date: incidents.occurredAt, label: incidents.summary, status: incidents.status, domain: incidents.domain },
  inspections: { table: inspections, date: inspections.inspectedAt, label: inspections.findings, status: inspections.status, domain: null },
  'ethics-committees': {
    table: ethicsCommittees,
    date: ethicsCommittees.establishedAt,
    label: ethicsCommittees.name,
    status: ethicsCommittees.status,
    domain: null,
  },
  'ethics-activities': {
    table: ethicsActivities,
    date: ethicsActivities.approvedAt,
    label: ethicsActivities.title,
    status: ethicsActivities.status,
    domain: null,
  },
  'ethics-annual-reports': {
    table: ethicsAnnualReports,
    date: ethicsAnnualReports.submittedAt,
    label: ethicsAnnualReports.year,
    status: ethicsAnnualReports.status,
    domain: null,
  },
} satisfies Record<
  RecordKind,
  {
    table: { id: DbColumn; unitId: DbColumn };
    date: DbColumn;
    label: DbColumn;
    status: DbColumn;
    domain: DbColumn | null;
  }
>;

export { isRecordKind, recordKindCodes, type RecordKind } from '@/domain/records/kinds';
