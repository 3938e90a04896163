import { DAY_MS, HOUR_MS, shanghaiDate } from '@/domain/time/shanghai';
import { emptyDataset, type DemoDataset } from '@/features/demo/demo-dataset';
import { demoDraws, fractionOfYear, monthOf, type DemoDraws } from '@/features/demo/demo-draws';
import { addEthics } from '@/features/demo/demo-ethics';
import { buildOrganisation, type DemoInstitute } from '@/features/demo/demo-organisation';
import { hazardRow } from '@/features/demo/demo-rows';
import { demoUsers } from '@/features/demo/demo-users';
import { addInstituteYear, type DemoIds } from '@/features/demo/demo-year-records';
import { Random } from '@/features/demo/random';

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
  const data = emptyDataset();
  const d = demoDraws(rng, now);
  const { currentYear } = d;
  const years = [currentYear - 2, currentYear - 1, currentYear];

  const institutes = buildOrganisation(rng, data.units, shanghaiDate(currentYear - 10, 1, 1));
  // The first institute of each of a few branches has a bad current year, so the demo shows red units.
  const troubled = new Set(institutes.filter((_, i) => i % 17 === 3).map((i) => i.id));

  const ids: DemoIds = { project: 0, assessment: 0 };
  for (const inst of institutes) {
    for (const year of years) {
      const bad = troubled.has(inst.id);
      const risk = inst.risk * (bad && year === currentYear ? 2.2 : 1);
      const elapsed = year === currentYear ? fractionOfYear(now) : 1;
      addInstituteYear(d, data, ids, { inst, year, risk, elapsed, troubled: bad });
    }
    addEthics(d, data, inst, years);
  }
  addDroneSurge(d, data, institutes);

  data.users.push(...demoUsers);
  return data;
}

/** A month in which drone hazards surge across many institutes (domain.surge, the calendar heatmap): three months back. */
function addDroneSurge(d: DemoDraws, data: DemoDataset, institutes: DemoInstitute[]): void {
  const { rng, now } = d;
  const surgeStart = shanghaiDate(d.currentYear, Math.max(1, monthOf(now) - 3), 1);
  const droneInstitutes = institutes.filter((i) => i.domains.includes('drones'));
  for (let s = 0; s < 24; s++) {
    const inst = droneInstitutes[s % droneInstitutes.length]!;
    const foundAt = new Date(surgeStart.getTime() + rng.int(0, 26) * DAY_MS + rng.int(8, 18) * HOUR_MS);
    if (d.before(foundAt)) data.hazards.push(hazardRow(rng, d.owner(inst), 'drones', foundAt, now, `HAZ-SURGE-${inst.code}-${s + 1}`));
  }
}
