import type { Level } from '@/domain/reference/level-codes';
import type { FloorRuleId, RatingRuleId } from '@/domain/rating/rule-ids';

// The evaluator's input and output, decoupled from the database: the caller maps rows to these, so the
// evaluator stays pure and can be tested without SQLite. Instants are `Date`s in UTC; the evaluator does
// the Asia/Shanghai bucketing itself.

/** 1 = I especially major (特别重大) … 4 = IV general (一般). A lower number is more serious. */
export type Tier = 1 | 2 | 3 | 4;
export type HazardSeverity = 'general' | 'major';
export type AssessmentStatus = 'draft' | 'submitted' | 'approved' | 'rejected' | 'withdrawn';

export interface IncidentRecord {
  id: number;
  externalId: string;
  /** The tier set by the reporter; the effective tier may be more serious. */
  tier: Tier;
  occurredAt: Date;
  discoveredAt: Date;
  reportedAt: Date;
  /** History loaded without a report time (decision 033): never late; reportedAt is then only when it was received. */
  reportTimeUnknown?: boolean;
  deaths: number;
  seriousInjuries: number;
  directLossCny: number;
  concealed: boolean;
  withdrawn: boolean;
}

export interface HazardRecord {
  id: number;
  externalId: string;
  severity: HazardSeverity;
  foundAt: Date;
  dueAt: Date;
  rectifiedAt: Date | null;
  withdrawn: boolean;
}

export interface ProjectRecord {
  id: number;
  externalId: string;
  startedAt: Date | null;
  requiresPermit: boolean;
  permitAt: Date | null;
  requiresFiling: boolean;
  filedAt: Date | null;
  withdrawn: boolean;
}

export interface AssessmentRecord {
  id: number;
  externalId: string;
  projectId: number;
  status: AssessmentStatus;
  decidedAt: Date | null;
}

export interface EthicsCommitteeRecord {
  id: number;
  externalId: string;
  establishedAt: Date;
  registeredAt: Date | null;
  dissolvedAt: Date | null;
  withdrawn: boolean;
}

export interface EthicsActivityRecord {
  id: number;
  externalId: string;
  approvedAt: Date;
  registeredAt: Date | null;
  withdrawn: boolean;
}

export interface EthicsAnnualReportRecord {
  id: number;
  externalId: string;
  /** The year reported on. */
  year: number;
  submittedAt: Date;
  withdrawn: boolean;
}

/** Everything recorded for one institute (records filed against its departments included). */
export interface RatingRecords {
  incidents: readonly IncidentRecord[];
  hazards: readonly HazardRecord[];
  projects: readonly ProjectRecord[];
  assessments: readonly AssessmentRecord[];
  ethicsCommittees: readonly EthicsCommitteeRecord[];
  ethicsActivities: readonly EthicsActivityRecord[];
  annualReports: readonly EthicsAnnualReportRecord[];
}

/** Record kinds as the database and the API name them (rating_contributions.record_kind). */
export const recordKindNames = [
  'incidents',
  'hazards',
  'projects',
  'ethics-committees',
  'ethics-activities',
  'ethics-annual-reports',
] as const;
export type RecordKindName = (typeof recordKindNames)[number];

export type IncidentFigure = 'deaths' | 'seriousInjuries' | 'directLossCny';

/** One figure at or above its threshold for a tier: what an explanation quotes ("12 deaths ≥ 10"). */
export interface FigureHit {
  figure: IncidentFigure;
  value: number;
  threshold: number;
}

export interface ImpliedTier {
  tier: Tier;
  /** Every figure that reaches `tier`'s threshold; empty for tier IV, which needs none. */
  by: FigureHit[];
}

export interface EffectiveTier {
  tier: Tier;
  setTier: Tier;
  implied: ImpliedTier;
  /** True when the figures make the incident more serious than the reporter's tier. */
  raised: boolean;
}

// What a sentence of the explanation needs, per record kind.
export interface IncidentDetail {
  occurredAt: Date;
  setTier: Tier;
  effectiveTier: Tier;
  /** The figures that raised the tier above the reporter's; empty when it was not raised. */
  raisedBy: FigureHit[];
  discoveredAt: Date;
  reportedAt: Date;
  /** True when no report time is known: the incident scores no lateness and the explanation says why. */
  reportTimeUnknown: boolean;
  /** discoveredAt + the effective tier's reporting deadline. */
  deadline: Date;
}

export interface HazardDetail {
  severity: HazardSeverity;
  foundAt: Date;
  dueAt: Date;
  rectifiedAt: Date | null;
  /** Whole days (24 h) from the due date to rectification or T, whichever is earlier; null if not overdue. */
  overdueDays: number | null;
}

export interface ProjectDetail {
  startedAt: Date;
  /** The earliest approval of an assessment of the project, if any (possibly after the start). */
  approvedAt: Date | null;
  permitAt: Date | null;
  filedAt: Date | null;
}

export interface EthicsRegistrationDetail {
  /** Set-up (committee) or ethics approval (activity): the instant the deadline runs from. */
  since: Date;
  deadline: Date;
  registeredAt: Date | null;
}

export interface AnnualReportDetail {
  /** The year the missing or late report is for (Y − 1). */
  reportYear: number;
  /** Submission had to be strictly before this instant. */
  dueAt: Date;
  /** The earliest submission for reportYear, if any (late). */
  submittedAt: Date | null;
}

interface ContributionOf<K extends RecordKindName, R extends RatingRuleId, D> {
  rule: R;
  kind: K;
  recordId: number;
  externalId: string;
  points: number;
  /** The floor this contribution sets, if any. */
  floor: Level | null;
  detail: D;
}

export type IncidentRuleId = Extract<RatingRuleId, `incident.${string}`>;
export type HazardRuleId = Extract<RatingRuleId, `hazard.${string}`>;
export type ControlRuleId = Extract<RatingRuleId, `control.${string}`>;

export type IncidentContribution = ContributionOf<'incidents', IncidentRuleId, IncidentDetail>;
export type HazardContribution = ContributionOf<'hazards', HazardRuleId, HazardDetail>;
export type ProjectContribution = ContributionOf<'projects', ControlRuleId, ProjectDetail>;
export type EthicsRegistrationContribution = ContributionOf<
  'ethics-committees' | 'ethics-activities',
  'ethics.late_registration',
  EthicsRegistrationDetail
>;
/** Attributed to a committee of the unit (the earliest that existed in Y − 1): the report may not exist. */
export type AnnualReportContribution = ContributionOf<'ethics-committees', 'ethics.late_annual_report', AnnualReportDetail>;

export type Contribution =
  IncidentContribution | HazardContribution | ProjectContribution | EthicsRegistrationContribution | AnnualReportContribution;

export interface FloorHit {
  floor: Level;
  rule: FloorRuleId;
  kind: RecordKindName;
  recordId: number;
  externalId: string;
}

export interface Rating {
  year: number;
  /** The evaluation instant T: the end of the year, or earlier for a provisional rating. */
  asOf: Date;
  ruleSetVersion: string;
  points: number;
  levelByPoints: Level;
  /** Every floor that applied, one per record and condition, in contribution order. */
  floors: FloorHit[];
  level: Level;
  contributions: Contribution[];
}
