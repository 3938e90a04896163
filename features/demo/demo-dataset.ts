import type { Role } from '@/db/schema';
import type {
  AssessmentDimensionInsert,
  AssessmentInsert,
  EthicsActivityInsert,
  EthicsAnnualReportInsert,
  EthicsCommitteeInsert,
  HazardInsert,
  IncidentInsert,
  InspectionInsert,
  ProjectInsert,
  UnitInsert,
} from '@/features/demo/factories';

/** The demo academy as rows to insert (features/demo/insert-dataset.ts), and its accounts. */
export interface DemoDataset {
  units: UnitInsert[];
  projects: ProjectInsert[];
  assessments: AssessmentInsert[];
  assessmentDimensions: AssessmentDimensionInsert[];
  hazards: HazardInsert[];
  incidents: IncidentInsert[];
  inspections: InspectionInsert[];
  ethicsCommittees: EthicsCommitteeInsert[];
  ethicsActivities: EthicsActivityInsert[];
  ethicsAnnualReports: EthicsAnnualReportInsert[];
  users: { login: string; displayName: string; role: Role; unitCode: string }[];
}

/** A dataset with no rows yet, to be filled kind by kind. */
export function emptyDataset(): DemoDataset {
  return {
    units: [],
    projects: [],
    assessments: [],
    assessmentDimensions: [],
    hazards: [],
    incidents: [],
    inspections: [],
    ethicsCommittees: [],
    ethicsActivities: [],
    ethicsAnnualReports: [],
    users: [],
  };
}
