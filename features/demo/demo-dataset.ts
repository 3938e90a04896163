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
