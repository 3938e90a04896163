import { defaultReportDeadlines } from '@/domain/incidents/report-timing';
import { coreDimensionCodes, type DimensionCode } from '@/domain/reference/dimensions';
import type { DomainCode } from '@/domain/reference/domains';
import { DAY_MS, HOUR_MS } from '@/domain/time/shanghai';
import {
  buildAssessmentDimension,
  buildHazard,
  buildIncident,
  type AssessmentDimensionInsert,
  type HazardInsert,
  type IncidentInsert,
} from '@/features/demo/factories';
import { hazardDescriptions, incidentSummaries } from '@/features/demo/org-names';
import type { Random } from '@/features/demo/random';

// One demo record each, with believable dates, outcomes and figures drawn from the seeded generator.

export function dimensionRow(rng: Random, assessmentId: number, dimension: DimensionCode, domain: DomainCode): AssessmentDimensionInsert {
  const sensitive = ['gene_editing', 'brain_science', 'synthetic_biology', 'cell_gene'].includes(domain);
  const boost = sensitive && (dimension === 'ethics' || dimension === 'regulatory') ? 1 : 0;
  return buildAssessmentDimension({
    assessmentId,
    dimension,
    likelihood: Math.min(
      5,
      rng.weighted([
        [1, 4],
        [2, 5],
        [3, 3],
        [4, 1],
        [5, 0.3],
      ] as const) + boost,
    ),
    impact: Math.min(
      5,
      rng.weighted([
        [1, 2],
        [2, 4],
        [3, 4],
        [4, 2],
        [5, 0.6],
      ] as const) + boost,
    ),
    riskPoints: '关键环节存在安全风险点，需持续监测',
    consequences: '可能造成项目延误或不良社会影响',
    measures: rng.pick(['建立专人负责制度并定期检查', '加强数据分级分类与访问控制', '开展伦理审查并签署承诺书', '储备替代供应渠道']),
  });
}

export function hazardRow(
  rng: Random,
  own: { unitId: number; instituteId: number },
  domain: DomainCode,
  foundAt: Date,
  now: Date,
  externalId: string,
): HazardInsert {
  const severity = rng.chance(0.15) ? 'major' : 'general';
  const dueAt = new Date(foundAt.getTime() + (severity === 'major' ? rng.int(30, 60) : rng.int(15, 45)) * DAY_MS);
  // Old hazards are almost all closed; recent ones are more often still open.
  const ageDays = (now.getTime() - foundAt.getTime()) / DAY_MS;
  const openWeight = ageDays > 180 ? 1 : ageDays > 60 ? 5 : 30;
  const outcome = rng.weighted([
    ['on_time', 80],
    ['late', 12],
    ['open', openWeight],
  ] as const);
  let rectifiedAt: Date | null =
    outcome === 'on_time'
      ? new Date(foundAt.getTime() + Math.floor(rng.next() * (dueAt.getTime() - foundAt.getTime())))
      : outcome === 'late'
        ? new Date(dueAt.getTime() + rng.int(3, 60) * DAY_MS)
        : null;
  if (rectifiedAt && rectifiedAt.getTime() > now.getTime()) rectifiedAt = null;
  const verifiedAt = rectifiedAt && rng.chance(0.8) ? new Date(rectifiedAt.getTime() + rng.int(1, 10) * DAY_MS) : null;
  const verified = verifiedAt && verifiedAt.getTime() <= now.getTime() ? verifiedAt : null;
  return buildHazard({
    ...own,
    externalId,
    domain,
    dimension: rng.pick(coreDimensionCodes),
    severity,
    source: rng.chance(0.7) ? 'self_inspection' : 'supervision',
    foundAt,
    dueAt,
    rectifiedAt,
    verifiedAt: verified,
    description: rng.pick(hazardDescriptions[domain]),
    rectificationPlan: '明确责任人，限期完成整改并复查',
    status: verified ? 'verified' : rectifiedAt ? 'rectified' : 'open',
  });
}

export function incidentRow(
  rng: Random,
  own: { unitId: number; instituteId: number },
  domain: DomainCode,
  occurredAt: Date,
  now: Date,
  externalId: string,
  serious: boolean,
): IncidentInsert {
  const tier = serious
    ? rng.weighted([
        [2, 3],
        [1, 1],
      ] as const)
    : rng.weighted([
        [4, 92],
        [3, 8],
      ] as const);
  const figures =
    tier === 1
      ? { deaths: rng.int(0, 2), seriousInjuries: rng.int(0, 5), directLossCny: rng.int(100, 180) * 1_000_000 }
      : tier === 2
        ? { deaths: rng.int(0, 2), seriousInjuries: rng.int(0, 8), directLossCny: rng.int(50, 90) * 1_000_000 }
        : tier === 3
          ? rng.chance(0.5)
            ? { deaths: 0, seriousInjuries: 0, directLossCny: rng.int(0, 3) * 100_000 } // ethics or data incident, tier set by the reporter
            : { deaths: 0, seriousInjuries: rng.int(10, 14), directLossCny: rng.int(1, 9) * 1_000_000 }
          : { deaths: 0, seriousInjuries: rng.int(0, 2), directLossCny: rng.int(0, 50) * 10_000 };
  let discoveredAt = new Date(occurredAt.getTime() + rng.int(0, 36) * HOUR_MS);
  const deadlineHours = defaultReportDeadlines[tier];
  const late = rng.chance(0.1);
  let reportedAt = new Date(
    discoveredAt.getTime() + (late ? deadlineHours + rng.int(1, 48) : rng.int(0, deadlineHours * 60 - 1) / 60) * HOUR_MS,
  );
  // Nothing is dated after `now`: an incident too recent for its drawn delays was found and reported at once.
  if (discoveredAt.getTime() > now.getTime()) discoveredAt = occurredAt;
  if (reportedAt.getTime() > now.getTime()) reportedAt = discoveredAt;
  return buildIncident({
    ...own,
    externalId,
    domain,
    dimension: rng.pick(coreDimensionCodes),
    tier,
    occurredAt,
    discoveredAt,
    reportedAt,
    ...figures,
    concealed: !serious && rng.chance(0.02),
    summary: rng.pick(incidentSummaries[domain]),
    status: rng.weighted([
      ['closed', 6],
      ['investigating', 2],
      ['reported', 2],
    ] as const),
  });
}
