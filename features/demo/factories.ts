import type {
  units,
  projects,
  assessments,
  assessmentDimensions,
  hazards,
  incidents,
  inspections,
  ethicsCommittees,
  ethicsActivities,
  ethicsAnnualReports,
} from '@/db/schema';

// Builders for every record kind with believable defaults. The demo generator and the tests both use
// them, so test data and demo data have the same shape. Each takes the fields that matter as overrides.

export type UnitInsert = typeof units.$inferInsert;
export type ProjectInsert = typeof projects.$inferInsert;
export type AssessmentInsert = typeof assessments.$inferInsert;
export type AssessmentDimensionInsert = typeof assessmentDimensions.$inferInsert;
export type HazardInsert = typeof hazards.$inferInsert;
export type IncidentInsert = typeof incidents.$inferInsert;
export type InspectionInsert = typeof inspections.$inferInsert;
export type EthicsCommitteeInsert = typeof ethicsCommittees.$inferInsert;
export type EthicsActivityInsert = typeof ethicsActivities.$inferInsert;
export type EthicsAnnualReportInsert = typeof ethicsAnnualReports.$inferInsert;

type Owned = { unitId: number; instituteId: number };

let sequence = 0;
const nextRef = (prefix: string) => `${prefix}-${String(++sequence).padStart(6, '0')}`;
const DAY = 86_400_000;

export function buildUnit(overrides: Partial<UnitInsert> & Pick<UnitInsert, 'id' | 'code' | 'kind' | 'path'>): UnitInsert {
  return { name: overrides.code, parentId: null, instituteId: null, ...overrides };
}

export function buildProject(overrides: Partial<ProjectInsert> & Owned): ProjectInsert {
  return {
    externalId: nextRef('PRJ'),
    title: '示范科研项目',
    domain: 'ai',
    status: 'active',
    requiresPermit: false,
    requiresFiling: false,
    ...overrides,
  };
}

export function buildAssessment(overrides: Partial<AssessmentInsert> & Owned & { projectId: number }): AssessmentInsert {
  return { externalId: nextRef('ASM'), stage: 'initiation', status: 'submitted', ...overrides };
}

export function buildAssessmentDimension(
  overrides: Partial<AssessmentDimensionInsert> & { assessmentId: number },
): AssessmentDimensionInsert {
  return { dimension: 'loss', likelihood: 2, impact: 2, measures: '落实安全操作规程与岗位责任', ...overrides };
}

export function buildHazard(overrides: Partial<HazardInsert> & Owned): HazardInsert {
  const foundAt = overrides.foundAt ?? new Date();
  return {
    externalId: nextRef('HAZ'),
    domain: 'ai',
    dimension: 'loss',
    severity: 'general',
    source: 'self_inspection',
    foundAt,
    dueAt: new Date(foundAt.getTime() + 30 * DAY),
    status: 'open',
    ...overrides,
  };
}

export function buildIncident(overrides: Partial<IncidentInsert> & Owned): IncidentInsert {
  const occurredAt = overrides.occurredAt ?? new Date();
  return {
    externalId: nextRef('INC'),
    domain: 'ai',
    dimension: 'loss',
    tier: 4,
    occurredAt,
    discoveredAt: occurredAt,
    reportedAt: overrides.discoveredAt ?? occurredAt,
    deaths: 0,
    seriousInjuries: 0,
    directLossCny: 0,
    concealed: false,
    status: 'reported',
    ...overrides,
  };
}

export function buildInspection(overrides: Partial<InspectionInsert> & Owned): InspectionInsert {
  return { externalId: nextRef('INS'), kind: 'supervision', inspectedAt: new Date(), status: 'done', ...overrides };
}

export function buildEthicsCommittee(overrides: Partial<EthicsCommitteeInsert> & Owned): EthicsCommitteeInsert {
  return { externalId: nextRef('ETC'), name: '科技伦理委员会', establishedAt: new Date(), status: 'active', ...overrides };
}

export function buildEthicsActivity(overrides: Partial<EthicsActivityInsert> & Owned): EthicsActivityInsert {
  return { externalId: nextRef('ETA'), title: '纳入清单管理的科技活动', approvedAt: new Date(), status: 'active', ...overrides };
}

export function buildEthicsAnnualReport(overrides: Partial<EthicsAnnualReportInsert> & Owned & { year: number }): EthicsAnnualReportInsert {
  return { externalId: `AR-${overrides.year}`, submittedAt: new Date(), status: 'active', ...overrides };
}
