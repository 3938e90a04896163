import { DAY_MS, shanghaiDate } from '@/domain/time/shanghai';
import type { DemoDataset } from '@/features/demo/demo-dataset';
import type { DemoDraws } from '@/features/demo/demo-draws';
import type { DemoInstitute } from '@/features/demo/demo-organisation';
import { buildEthicsActivity, buildEthicsAnnualReport, buildEthicsCommittee } from '@/features/demo/factories';

/** The domains whose institutes keep an ethics committee. */
const ETHICS_DOMAINS = ['gene_editing', 'synthetic_biology', 'brain_science', 'cell_gene', 'lab_animals', 'medical_diagnosis', 'ai'];

const ACTIVITY_TITLES = [
  '侵入式脑机接口临床研究',
  '人类生殖细胞基因编辑基础研究',
  '具有舆论动员能力的算法模型研发',
  '高度自主决策系统研发',
  '对人类生命健康有重大影响的新物种合成',
];

/**
 * Ethics: most institutes in life-science and AI domains keep an ethics committee (a few registered late),
 * file an annual report each year (a few late or missing), and register list-managed activities.
 */
export function addEthics(d: DemoDraws, data: DemoDataset, inst: DemoInstitute, years: readonly number[]): void {
  const { rng, currentYear } = d;
  const needsEthics = inst.domains.some((x) => ETHICS_DOMAINS.includes(x));
  if (!needsEthics || !rng.chance(0.8)) return;
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
    addAnnualReport(d, data, inst, year - 1);
    addActivities(d, data, inst, year);
  }
}

/** The report on `reportYear`, due in the first quarter after it. */
function addAnnualReport(d: DemoDraws, data: DemoDataset, inst: DemoInstitute, reportYear: number): void {
  const { rng } = d;
  const submittedLate = rng.chance(0.1);
  const missing = rng.chance(0.05);
  const submittedAt = shanghaiDate(reportYear + 1, submittedLate ? 4 : rng.int(1, 3), rng.int(2, 28), 10);
  if (missing || !d.before(submittedAt)) return;
  data.ethicsAnnualReports.push(
    buildEthicsAnnualReport({ unitId: inst.id, instituteId: inst.id, year: reportYear, externalId: `AR-${reportYear}`, submittedAt }),
  );
}

/** None, one or two activities approved in `year`, most registered within 30 days. */
function addActivities(d: DemoDraws, data: DemoDataset, inst: DemoInstitute, year: number): void {
  const { rng } = d;
  const activities = rng.chance(0.5) ? rng.int(1, 2) : 0;
  for (let a = 0; a < activities; a++) {
    const approvedAt = d.instantIn(year);
    const registeredAt = new Date(approvedAt.getTime() + (rng.chance(0.15) ? rng.int(31, 60) : rng.int(3, 25)) * DAY_MS);
    data.ethicsActivities.push(
      buildEthicsActivity({
        unitId: inst.id,
        instituteId: inst.id,
        externalId: `ETA-${year}-${inst.code}-${a + 1}`,
        title: rng.pick(ACTIVITY_TITLES),
        approvedAt,
        registeredAt: d.before(registeredAt) ? registeredAt : null,
      }),
    );
  }
}
