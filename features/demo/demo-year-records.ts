import { coreDimensionCodes } from '@/domain/reference/dimensions';
import { DAY_MS } from '@/domain/time/shanghai';
import type { DemoDataset } from '@/features/demo/demo-dataset';
import { notAfter, type DemoDraws } from '@/features/demo/demo-draws';
import type { DemoInstitute } from '@/features/demo/demo-organisation';
import { dimensionRow, hazardRow, incidentRow } from '@/features/demo/demo-rows';
import { buildAssessment, buildInspection, buildProject } from '@/features/demo/factories';
import { projectTopics } from '@/features/demo/org-names';

/** One institute's year: how risky it is that year, how much of the year has passed, whether it is a troubled one. */
export interface InstituteYear {
  inst: DemoInstitute;
  year: number;
  /** The institute's risk factor, doubled and more in a troubled institute's current year. */
  risk: number;
  /** 1 for a past year; the part that has passed for the current one. */
  elapsed: number;
  troubled: boolean;
}

/** Ids the generator hands out itself, because assessments point at their project. */
export interface DemoIds {
  project: number;
  assessment: number;
}

/** An institute's records of one year, kind after kind, in the order the seeded draws expect. */
export function addInstituteYear(d: DemoDraws, data: DemoDataset, ids: DemoIds, y: InstituteYear): void {
  addProjects(d, data, ids, y);
  addHazards(d, data, y);
  addIncidents(d, data, y);
  addInspections(d, data, y);
}

/** Projects with their initiation assessments; a few started without one approved. */
function addProjects(d: DemoDraws, data: DemoDataset, ids: DemoIds, { inst, year, risk, elapsed }: InstituteYear): void {
  const { rng, now, currentYear } = d;
  const projectCount = Math.max(1, Math.round(rng.int(4, 9) * elapsed));
  for (let p = 0; p < projectCount; p++) {
    const domain = d.domainFor(inst);
    const startedAt = d.instantIn(year);
    const own = d.owner(inst);
    const requiresPermit = rng.chance(0.15);
    const requiresFiling = rng.chance(0.2);
    const unassessed = rng.chance(0.04 * risk);
    const closedAt = year < currentYear - 1 && rng.chance(0.6) ? new Date(startedAt.getTime() + rng.int(200, 500) * DAY_MS) : null;
    const project = buildProject({
      id: ++ids.project,
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
      closedAt: closedAt && d.before(closedAt) ? closedAt : null,
      status: closedAt && d.before(closedAt) ? 'closed' : 'active',
    });
    data.projects.push(project);

    const submittedAt = new Date(startedAt.getTime() - rng.int(20, 60) * DAY_MS);
    const decidedAt = new Date(submittedAt.getTime() + rng.int(2, 12) * DAY_MS);
    const assessment = buildAssessment({
      id: ++ids.assessment,
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
}

/** Hazards: a few per year, more in riskier institutes; some major, some rectified late, some open. */
function addHazards(d: DemoDraws, data: DemoDataset, { inst, year, risk, elapsed }: InstituteYear): void {
  const hazardCount = Math.round(d.rng.poisson(7 * risk) * elapsed);
  for (let h = 0; h < hazardCount; h++) {
    data.hazards.push(
      hazardRow(
        d.rng,
        d.owner(inst),
        d.domainFor(inst),
        d.instantIn(year),
        d.now,
        `HAZ-${year}-${inst.code}-${String(h + 1).padStart(3, '0')}`,
      ),
    );
  }
}

/** Incidents: mostly tier IV; troubled institutes get a serious one in the current year. */
function addIncidents(d: DemoDraws, data: DemoDataset, { inst, year, risk, elapsed, troubled }: InstituteYear): void {
  const { rng, now } = d;
  const incidentCount = Math.round(rng.poisson(1.1 * risk) * elapsed);
  for (let n = 0; n < incidentCount; n++) {
    const externalId = `INC-${year}-${inst.code}-${String(n + 1).padStart(2, '0')}`;
    data.incidents.push(incidentRow(rng, d.owner(inst), d.domainFor(inst), d.instantIn(year), now, externalId, false));
  }
  if (troubled && year === d.currentYear) {
    data.incidents.push(
      incidentRow(rng, d.owner(inst), rng.pick(inst.domains), d.instantIn(year), now, `INC-${year}-${inst.code}-S1`, true),
    );
  }
}

function addInspections(d: DemoDraws, data: DemoDataset, { inst, year, elapsed }: InstituteYear): void {
  const { rng } = d;
  const inspectionCount = Math.max(1, Math.round(rng.int(1, 3) * elapsed));
  for (let s = 0; s < inspectionCount; s++) {
    data.inspections.push(
      buildInspection({
        ...d.owner(inst),
        externalId: `INS-${year}-${inst.code}-${s + 1}`,
        inspectedAt: d.instantIn(year),
        inspector: rng.pick(['院安委办检查组', '分院监督检查组', '所级科技安全小组']),
        findings: rng.pick(['未发现重大问题', '发现一般隐患，已责令整改', '实验记录不完整，要求补充', '数据备份制度执行不到位']),
        hazardsFound: rng.int(0, 3),
      }),
    );
  }
}
