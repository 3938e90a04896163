import type { Level } from '@/domain/reference/level-codes';
import type { RatingRuleSet } from '@/domain/rating/rule-set';
import type { Tier } from '@/domain/rating/types';
import type { AlertRuleId, AlertRuleSet } from '@/domain/alerts/rule-set';

// The evaluators' input and output, decoupled from the database (like domain/rating/types.ts): the loader maps
// rows to these facts, the evaluators turn facts, a rule set and an instant into candidate alerts.

export interface UnitInfo {
  id: number;
  code: string;
  name: string;
  nameEn: string | null;
}

export interface IncidentFact {
  id: number;
  externalId: string;
  unitId: number;
  domain: string;
  tier: Tier;
  deaths: number;
  seriousInjuries: number;
  directLossCny: number;
  occurredAt: Date;
  withdrawn: boolean;
}

export interface HazardFact {
  id: number;
  externalId: string;
  unitId: number;
  /** The institute the hazard belongs to (the unit itself if not given); hazard.overdue is capped per institute. */
  instituteId?: number;
  domain: string;
  severity: 'general' | 'major';
  dueAt: Date;
  rectifiedAt: Date | null;
  withdrawn: boolean;
}

export interface AssessmentFact {
  id: number;
  externalId: string;
  unitId: number;
  status: string;
  submittedAt: Date | null;
}

export interface RatingFact {
  instituteId: number;
  year: number;
  level: Level;
  points: number;
}

export interface CommitteeFact {
  id: number;
  externalId: string;
  unitId: number;
  instituteId: number;
  establishedAt: Date;
  registeredAt: Date | null;
  dissolvedAt: Date | null;
  withdrawn: boolean;
}

export interface ActivityFact {
  id: number;
  externalId: string;
  unitId: number;
  approvedAt: Date;
  registeredAt: Date | null;
  withdrawn: boolean;
}

export interface AnnualReportFact {
  instituteId: number;
  year: number;
  submittedAt: Date;
  withdrawn: boolean;
}

/** One incident or hazard, counted by domain and local month for domain.surge. */
export interface DomainEvent {
  domain: string;
  at: Date;
}

export interface AlertFacts {
  units: ReadonlyMap<number, UnitInfo>;
  domains: ReadonlyMap<string, { zh: string; en: string }>;
  incidents: readonly IncidentFact[];
  hazards: readonly HazardFact[];
  assessments: readonly AssessmentFact[];
  ratings: readonly RatingFact[];
  committees: readonly CommitteeFact[];
  activities: readonly ActivityFact[];
  annualReports: readonly AnnualReportFact[];
  events: readonly DomainEvent[];
}

export interface AlertRules {
  alerts: AlertRuleSet;
  rating: RatingRuleSet;
}

/** What caused an alert: a record, a rating or a filtered list, for the inbox to link to. */
export type AlertLink =
  | { kind: 'record'; recordKind: string; id: number; externalId: string }
  | { kind: 'rating'; year: number; unitCode: string }
  | { kind: 'list'; recordKind: string; domain: string; from: string; to: string }
  /** A unit's record list filtered by state, e.g. its overdue hazards (the hazard.overdue summary). */
  | { kind: 'filtered'; recordKind: string; unitCode: string; state: string };

export interface CandidateAlert {
  rule: AlertRuleId;
  subjectKind: 'incident' | 'unit' | 'hazard' | 'domain' | 'assessment' | 'ethics-committee' | 'ethics-activity' | 'annual-report';
  subjectKey: string;
  period: string;
  colour: Level;
  unitId: number | null;
  domain: string | null;
  messageZh: string;
  messageEn: string;
  details: { links: AlertLink[] } & Record<string, unknown>;
}

/** A stored alert as its reader sees it (the inbox, its page, the overview): with its unit and read state. */
export interface AlertView {
  id: number;
  rule: string;
  colour: Level;
  subjectKind: string;
  subjectKey: string;
  period: string;
  unitId: number | null;
  unitCode: string | null;
  unitName: string | null;
  unitNameEn: string | null;
  domain: string | null;
  messageZh: string;
  messageEn: string;
  links: AlertLink[];
  firedAt: Date;
  acknowledgedAt: Date | null;
  acknowledgedBy: string | null;
  acknowledgeComment: string | null;
  /** Whether the viewer has opened it (or marked all read). */
  read: boolean;
}
