import { Random } from '@/features/demo/random';
import { projectTopics } from '@/features/demo/org-names';
import {
  buildAssessment,
  buildEthicsActivity,
  buildEthicsAnnualReport,
  buildEthicsCommittee,
  buildInspection,
  buildProject,
  type AssessmentDimensionInsert,
  type AssessmentInsert,
  type EthicsActivityInsert,
  type EthicsAnnualReportInsert,
  type EthicsCommitteeInsert,
  type HazardInsert,
  type IncidentInsert,
  type InspectionInsert,
  type ProjectInsert,
  type UnitInsert,
} from '@/features/demo/factories';
import { buildOrganisation, type DemoInstitute } from '@/features/demo/demo-organisation';
import { dimensionRow, hazardRow, incidentRow } from '@/features/demo/demo-rows';
import { defaultDomains, type DomainCode } from '@/domain/reference/domains';
import { coreDimensionCodes } from '@/domain/reference/dimensions';
import { DAY_MS, HOUR_MS, shanghaiDate, shanghaiYear, yearStart } from '@/domain/time/shanghai';
import type { Role } from '@/db/schema';
import { demoUsers } from '@/features/demo/demo-users';

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

export const DEMO_SEED = 20_190_701;

/**
 * Builds a believable academy: 12 branches, about 100 institutes with departments, and three years of
 * projects, assessments, hazards, incidents, inspections and ethics records up to `now`. The same seed and
 * `now` give the same data. It includes the variety the rating and heatmaps need: a few institutes with
 * serious incidents (red), overdue major rectifications, late reports, projects started without approval,
 * and a surge of drone hazards in one month.
 */
export function generateDemo(now: Date, seed = DEMO_SEED): DemoDataset {
  const rng = new Random(seed);
  const data: DemoDataset = {
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
  const currentYear = shanghaiYear(now);
  const years = [currentYear - 2, currentYear - 1, currentYear];
  const founded = shanghaiDate(currentYear - 10, 1, 1);

  const institutes = buildOrganisation(rng, data.units, founded);
  // The first institute of each of a few branches has a bad current year, so the demo shows red units.
  const troubled = new Set(institutes.filter((_, i) => i % 17 === 3).map((i) => i.id));

  // ---- records
  let projectId = 0;
  let assessmentId = 0;
  const allDomains = defaultDomains.map((d) => d.code);
  const surgeMonth = { year: currentYear, month: Math.max(1, monthOf(now) - 3) };

  const instantIn = (year: number): Date => {
    const start = yearStart(year).getTime();
    const end = Math.min(yearStart(year + 1).getTime(), now.getTime());
    return new Date(start + Math.floor(rng.next() * Math.max(1, end - start)));
  };
  const owner = (inst: DemoInstitute) => ({
    instituteId: inst.id,
    unitId: inst.departments.length > 0 && rng.chance(0.4) ? rng.pick(inst.departments) : inst.id,
  });
  const domainFor = (inst: DemoInstitute): DomainCode => (rng.chance(0.8) ? rng.pick(inst.domains) : rng.pick(allDomains));
  const before = (at: Date) => at.getTime() <= now.getTime();

  for (const inst of institutes) {
    const yearRisk = (y: number) => inst.risk * (troubled.has(inst.id) && y === currentYear ? 2.2 : 1);

    for (const year of years) {
      const elapsed = year === currentYear ? fractionOfYear(now) : 1;
      // Projects with their initiation assessments.
      const projectCount = Math.max(1, Math.round(rng.int(4, 9) * elapsed));
      for (let p = 0; p < projectCount; p++) {
        const domain = domainFor(inst);
        const startedAt = instantIn(year);
        const own = owner(inst);
        const requiresPermit = rng.chance(0.15);
        const requiresFiling = rng.chance(0.2);
        const unassessed = rng.chance(0.04 * yearRisk(year));
        const closedAt = year < currentYear - 1 && rng.chance(0.6) ? new Date(startedAt.getTime() + rng.int(200, 500) * DAY_MS) : null;
        const project = buildProject({
          id: ++projectId,
          ...own,
          externalId: `PRJ-${year}-${inst.code}-${String(p + 1).padStart(2, '0')}`,
          title: `${rng.pick(projectTopics[domain])}（${year}）`,
          domain,
          lead: rng.pick(['王研究员', '李研究员', '张副研究员', '刘研究员', '陈研究员', '杨副研究员']),
          requiresPermit,
          permitAt: requiresPermit ? notAfter(new Date(startedAt.getTime() + (rng.chance(0.1) ? 5 : -rng.int(5, 40)) * DAY_MS), now) : null,
          requiresFiling,
          filedAt: requiresFiling ? (rng.chance(0.1) ? null : new Date(startedAt.getTime() - rng.int(3, 30) * DAY_MS)) : null,
          startedAt,
          closedAt: closedAt && before(closedAt) ? closedAt : null,
          status: closedAt && before(closedAt) ? 'closed' : 'active',
        });
        data.projects.push(project);

        const submittedAt = new Date(startedAt.getTime() - rng.int(20, 60) * DAY_MS);
        const decidedAt = new Date(submittedAt.getTime() + rng.int(2, 12) * DAY_MS);
        const assessment = buildAssessment({
          id: ++assessmentId,
          ...own,
          projectId: project.id!,
          externalId: `ASM-${project.externalId}`,
          stage: 'initiation',
          status: unassessed ? 'submitted' : 'approved',
          submittedAt,
          decidedAt: unassessed ? null : decidedAt,
          reviewComment: unassessed ? null : '风险识别充分，防范措施可行，同意立项。',
        });
        data.assessments.push(assessment);
        for (const dimension of coreDimensionCodes) {
          data.assessmentDimensions.push(dimensionRow(rng, assessment.id!, dimension, domain));
        }
      }

      // Hazards: a few per year, more in riskier institutes; some major, some rectified late, some open.
      const hazardCount = Math.round(rng.poisson(7 * yearRisk(year)) * elapsed);
      for (let h = 0; h < hazardCount; h++) {
        data.hazards.push(
          hazardRow(rng, owner(inst), domainFor(inst), instantIn(year), now, `HAZ-${year}-${inst.code}-${String(h + 1).padStart(3, '0')}`),
        );
      }

      // Incidents: mostly tier IV; troubled institutes get a serious one in the current year.
      const incidentCount = Math.round(rng.poisson(1.1 * yearRisk(year)) * elapsed);
      for (let n = 0; n < incidentCount; n++) {
        data.incidents.push(
          incidentRow(
            rng,
            owner(inst),
            domainFor(inst),
            instantIn(year),
            now,
            `INC-${year}-${inst.code}-${String(n + 1).padStart(2, '0')}`,
            false,
          ),
        );
      }
      if (troubled.has(inst.id) && year === currentYear) {
        data.incidents.push(
          incidentRow(rng, owner(inst), rng.pick(inst.domains), instantIn(year), now, `INC-${year}-${inst.code}-S1`, true),
        );
      }

      const inspectionCount = Math.max(1, Math.round(rng.int(1, 3) * elapsed));
      for (let s = 0; s < inspectionCount; s++) {
        data.inspections.push(
          buildInspection({
            ...owner(inst),
            externalId: `INS-${year}-${inst.code}-${s + 1}`,
            inspectedAt: instantIn(year),
            inspector: rng.pick(['院安委办检查组', '分院监督检查组', '所级科技安全小组']),
            findings: rng.pick(['未发现重大问题', '发现一般隐患，已责令整改', '实验记录不完整，要求补充', '数据备份制度执行不到位']),
            hazardsFound: rng.int(0, 3),
          }),
        );
      }
    }

    // Ethics: institutes in life-science and AI domains keep an ethics committee and list-managed activities.
    const needsEthics = inst.domains.some((d) =>
      ['gene_editing', 'synthetic_biology', 'brain_science', 'cell_gene', 'lab_animals', 'medical_diagnosis', 'ai'].includes(d),
    );
    if (needsEthics && rng.chance(0.8)) {
      const establishedAt = shanghaiDate(currentYear - rng.int(3, 6), rng.int(1, 12), rng.int(1, 28));
      const late = rng.chance(0.12);
      data.ethicsCommittees.push(
        buildEthicsCommittee({
          unitId: inst.id,
          instituteId: inst.id,
          externalId: `ETC-${inst.code}`,
          name: '科技伦理（审查）委员会',
          establishedAt,
          registeredAt: new Date(establishedAt.getTime() + (late ? rng.int(31, 90) : rng.int(5, 28)) * DAY_MS),
        }),
      );
      for (const year of years) {
        const reportYear = year - 1;
        const submittedLate = rng.chance(0.1);
        const missing = rng.chance(0.05);
        const submittedAt = shanghaiDate(year, submittedLate ? 4 : rng.int(1, 3), rng.int(2, 28), 10);
        if (!missing && before(submittedAt)) {
          data.ethicsAnnualReports.push(
            buildEthicsAnnualReport({
              unitId: inst.id,
              instituteId: inst.id,
              year: reportYear,
              externalId: `AR-${reportYear}`,
              submittedAt,
            }),
          );
        }
        const activities = rng.chance(0.5) ? rng.int(1, 2) : 0;
        for (let a = 0; a < activities; a++) {
          const approvedAt = instantIn(year);
          const registeredAt = new Date(approvedAt.getTime() + (rng.chance(0.15) ? rng.int(31, 60) : rng.int(3, 25)) * DAY_MS);
          data.ethicsActivities.push(
            buildEthicsActivity({
              unitId: inst.id,
              instituteId: inst.id,
              externalId: `ETA-${year}-${inst.code}-${a + 1}`,
              title: rng.pick([
                '侵入式脑机接口临床研究',
                '人类生殖细胞基因编辑基础研究',
                '具有舆论动员能力的算法模型研发',
                '高度自主决策系统研发',
                '对人类生命健康有重大影响的新物种合成',
              ]),
              approvedAt,
              registeredAt: before(registeredAt) ? registeredAt : null,
            }),
          );
        }
      }
    }
  }

  // A month in which drone hazards surge across many institutes (domain.surge, the calendar heatmap).
  const surgeStart = shanghaiDate(surgeMonth.year, surgeMonth.month, 1);
  const droneInstitutes = institutes.filter((i) => i.domains.includes('drones'));
  for (let s = 0; s < 24; s++) {
    const inst = droneInstitutes[s % droneInstitutes.length]!;
    const foundAt = new Date(surgeStart.getTime() + rng.int(0, 26) * DAY_MS + rng.int(8, 18) * HOUR_MS);
    if (before(foundAt)) data.hazards.push(hazardRow(rng, owner(inst), 'drones', foundAt, now, `HAZ-SURGE-${inst.code}-${s + 1}`));
  }

  data.users.push(...demoUsers);
  return data;
}

function notAfter(at: Date, now: Date): Date | null {
  return at.getTime() <= now.getTime() ? at : null;
}

function monthOf(at: Date): number {
  return Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', month: 'numeric' }).format(at));
}

function fractionOfYear(now: Date): number {
  const y = shanghaiYear(now);
  const start = yearStart(y).getTime();
  return (now.getTime() - start) / (yearStart(y + 1).getTime() - start);
}
