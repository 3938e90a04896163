import type {
  AssessmentRecord,
  EthicsActivityRecord,
  EthicsAnnualReportRecord,
  EthicsCommitteeRecord,
  HazardRecord,
  IncidentRecord,
  ProjectRecord,
  RatingRecords,
} from '@/domain/rating/types';

// Evaluator inputs with harmless defaults: each test overrides only the fields its rule looks at.

export const SECOND = 1000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

/** An instant from an ISO string with its offset, e.g. '2025-03-04T10:00:00+08:00'. */
export const at = (iso: string) => new Date(iso);
export const plus = (d: Date, ms: number) => new Date(d.getTime() + ms);

/** The end of 2025 in Asia/Shanghai: the final rating's T. */
export const END_2025 = at('2026-01-01T00:00:00+08:00');

let nextId = 1;
const ref = (prefix: string) => {
  const id = nextId++;
  return { id, externalId: `${prefix}-${id}` };
};

export function incident(overrides: Partial<IncidentRecord> = {}): IncidentRecord {
  const occurredAt = overrides.occurredAt ?? at('2025-03-04T10:00:00+08:00');
  return {
    ...ref('INC'),
    tier: 4,
    occurredAt,
    discoveredAt: occurredAt,
    reportedAt: occurredAt,
    deaths: 0,
    seriousInjuries: 0,
    directLossCny: 0,
    concealed: false,
    withdrawn: false,
    ...overrides,
  };
}

export function hazard(overrides: Partial<HazardRecord> = {}): HazardRecord {
  const foundAt = overrides.foundAt ?? at('2025-03-04T10:00:00+08:00');
  return {
    ...ref('HZ'),
    severity: 'general',
    foundAt,
    dueAt: plus(foundAt, 30 * DAY),
    rectifiedAt: plus(foundAt, 10 * DAY),
    withdrawn: false,
    ...overrides,
  };
}

/** A project started in 2025 with everything in order; override what should be missing. */
export function project(overrides: Partial<ProjectRecord> = {}): ProjectRecord {
  return {
    ...ref('PRJ'),
    startedAt: at('2025-05-01T09:00:00+08:00'),
    requiresPermit: false,
    permitAt: null,
    requiresFiling: false,
    filedAt: null,
    withdrawn: false,
    ...overrides,
  };
}

export function assessment(overrides: Partial<AssessmentRecord> & Pick<AssessmentRecord, 'projectId'>): AssessmentRecord {
  return { ...ref('ASM'), status: 'approved', decidedAt: at('2025-04-01T09:00:00+08:00'), ...overrides };
}

/** A project with an approval before its start, so it contributes nothing unless told otherwise. */
export function assessedProject(overrides: Partial<ProjectRecord> = {}): { project: ProjectRecord; assessment: AssessmentRecord } {
  const p = project(overrides);
  return { project: p, assessment: assessment({ projectId: p.id, decidedAt: plus(p.startedAt!, -DAY) }) };
}

export function committee(overrides: Partial<EthicsCommitteeRecord> = {}): EthicsCommitteeRecord {
  const establishedAt = overrides.establishedAt ?? at('2025-03-01T00:00:00+08:00');
  return { ...ref('EC'), establishedAt, registeredAt: plus(establishedAt, DAY), dissolvedAt: null, withdrawn: false, ...overrides };
}

export function activity(overrides: Partial<EthicsActivityRecord> = {}): EthicsActivityRecord {
  const approvedAt = overrides.approvedAt ?? at('2025-03-01T00:00:00+08:00');
  return { ...ref('EA'), approvedAt, registeredAt: plus(approvedAt, DAY), withdrawn: false, ...overrides };
}

export function annualReport(overrides: Partial<EthicsAnnualReportRecord> = {}): EthicsAnnualReportRecord {
  const year = overrides.year ?? 2024;
  return {
    ...ref('AR'),
    externalId: `AR-${year}`,
    year,
    submittedAt: at(`${year + 1}-03-01T10:00:00+08:00`),
    withdrawn: false,
    ...overrides,
  };
}

export function records(parts: Partial<RatingRecords> = {}): RatingRecords {
  return {
    incidents: [],
    hazards: [],
    projects: [],
    assessments: [],
    ethicsCommittees: [],
    ethicsActivities: [],
    annualReports: [],
    ...parts,
  };
}

/** The same records with every list in reverse order: the evaluator must not care. */
export function reversed(r: RatingRecords): RatingRecords {
  return {
    incidents: [...r.incidents].reverse(),
    hazards: [...r.hazards].reverse(),
    projects: [...r.projects].reverse(),
    assessments: [...r.assessments].reverse(),
    ethicsCommittees: [...r.ethicsCommittees].reverse(),
    ethicsActivities: [...r.ethicsActivities].reverse(),
    annualReports: [...r.annualReports].reverse(),
  };
}
