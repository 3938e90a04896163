// Rows the record pages show, as plain types: the queries in db/records return them and the components
// take them, so no component imports the database.

export interface RecordListRow {
  id: number;
  externalId: string;
  unitCode: string;
  unitName: string;
  unitNameEn: string | null;
  date: Date | null;
  label: string | number | null;
  status: string;
  domain: string | null;
  /** The institute of a record filed by a department (null when an institute filed it). */
  instituteCode: string | null;
  instituteName: string | null;
  instituteNameEn: string | null;
  /** Incidents: the effective tier (what the rating counts) and the tier reported. */
  tier?: number;
  reportedTier?: number;
  /** Hazards. */
  severity?: 'general' | 'major';
  dueAt?: Date;
}

export interface RecordPage {
  rows: RecordListRow[];
  total: number;
  page: number;
  pageSize: number;
}

export interface FilingUnit {
  id: number;
  code: string;
  name: string;
  nameEn: string | null;
  kind: 'institute' | 'department';
  instituteId: number;
  depth: number;
}

export interface ProjectOption {
  id: number;
  externalId: string;
  title: string;
  instituteId: number;
  status: string;
}

export interface HistoryEntry {
  id: number;
  at: Date;
  action: string;
  actor: string | null;
  after: Record<string, unknown> | null;
}

/** A correction of a sealed record (decision 023), as the record's page and the reviewers' queue show it. */
export interface CorrectionRow {
  id: number;
  kind: string;
  recordId: number;
  unitCode: string;
  unitName: string;
  unitNameEn: string | null;
  status: 'proposed' | 'accepted' | 'refused';
  reason: string;
  /** One field's proposed change each, in the API's terms (`dimensions` for an assessment's list). */
  changes: Record<string, { from: unknown; to: unknown }>;
  item: Record<string, unknown>;
  proposedBy: number;
  proposedByName: string;
  proposedAt: Date;
  decidedByName: string | null;
  decidedAt: Date | null;
  decisionComment: string | null;
}

/** One dimension of an assessment as stored: its cell on the 5×5 matrix and what the assessment says of it. */
export interface AssessedDimension {
  dimension: string;
  likelihood: number;
  impact: number;
  riskPoints: string | null;
  consequences: string | null;
  measures: string | null;
}
