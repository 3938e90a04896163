// The synthetic academy the benchmarks run on: 20 branches, N institutes, incidents and hazards spread
// evenly over a span of time, deterministic so every run (and both engines) measures the same data. Written
// by the raw driver (bench/raw-db.ts) in one transaction to the (migrated) database: building the data is not
// measured.
import type { RawDb } from './raw-db';
import { DAY_MS } from '@/domain/time/shanghai';

export interface DatasetShape {
  institutes: number;
  incidents: number;
  hazards: number;
  /** Records are dated in [from, until). */
  from: Date;
  until: Date;
  /** Live projects per institute (for the dashboards' "works in this domain"). */
  projectsPerInstitute?: number;
}

// A small deterministic generator, so every run rates the same data.
let seed = 20190701;
const rand = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;

export async function buildDataset(c: RawDb, shape: DatasetShape): Promise<void> {
  const { institutes: INSTITUTES, incidents: INCIDENTS, hazards: HAZARDS } = shape;
  const start = shape.from.getTime();
  const span = shape.until.getTime() - start;
  const domains = ['ai', 'gene_editing', 'drones', 'autonomous_driving', 'medical_diagnosis', 'service_robots'];
  await c.transaction(async () => {
    const unitCols = ['id', 'code', 'name', 'kind', 'parent_id', 'path', 'institute_id'];
    await c.insertMany('units', unitCols, [[1, 'ACADEMY', '本院', 'academy', null, '/1/', null]]);
    await c.insertMany(
      'units',
      unitCols,
      Array.from({ length: 20 }, (_, b) => [2 + b, `B${b}`, `分院${b}`, 'branch', 1, `/1/${2 + b}/`, null]),
    );
    await c.insertMany(
      'units',
      unitCols,
      Array.from({ length: INSTITUTES }, (_, i) => {
        const id = 100 + i;
        const branch = 2 + (i % 20);
        return [id, `I${i}`, `研究所${i}`, 'institute', branch, `/1/${branch}/${id}/`, id];
      }),
    );
    await c.insertMany(
      'incidents',
      [
        'external_id',
        'unit_id',
        'institute_id',
        'domain',
        'dimension',
        'tier',
        'occurred_at',
        'discovered_at',
        'reported_at',
        'deaths',
        'serious_injuries',
        'direct_loss_cny',
        'concealed',
        'status',
      ],
      (function* () {
        for (let n = 0; n < INCIDENTS; n++) {
          const inst = 100 + Math.floor(rand() * INSTITUTES);
          const at = start + Math.floor(rand() * span);
          const tier = rand() < 0.9 ? 4 : rand() < 0.8 ? 3 : rand() < 0.8 ? 2 : 1;
          const delay = Math.floor(rand() * 100) * 3_600_000;
          const domain = pick(domains);
          const deaths = rand() < 0.02 ? 3 : 0;
          const loss = Math.floor(rand() * 1e6);
          const concealed = c.flag(rand() < 0.005);
          const status = rand() < 0.02 ? 'withdrawn' : 'closed';
          yield [`INC-${n}`, inst, inst, domain, 'loss', tier, at, at, at + delay, deaths, 0, loss, concealed, status];
        }
      })(),
    );
    await c.insertMany(
      'hazards',
      ['external_id', 'unit_id', 'institute_id', 'domain', 'dimension', 'severity', 'found_at', 'due_at', 'rectified_at', 'status'],
      (function* () {
        for (let n = 0; n < HAZARDS; n++) {
          const inst = 100 + Math.floor(rand() * INSTITUTES);
          const found = start + Math.floor(rand() * span);
          const due = found + (15 + Math.floor(rand() * 90)) * DAY_MS;
          const r = rand();
          const rectified =
            r < 0.85 ? found + Math.floor(rand() * 100) * DAY_MS : r < 0.97 ? due + Math.floor(rand() * 200) * DAY_MS : null;
          const domain = pick(domains);
          const severity = rand() < 0.1 ? 'major' : 'general';
          yield [`HZ-${n}`, inst, inst, domain, 'data', severity, found, due, rectified, rectified ? 'rectified' : 'open'];
        }
      })(),
    );
    await c.insertMany(
      'projects',
      ['external_id', 'unit_id', 'institute_id', 'title', 'domain', 'started_at', 'status'],
      (function* () {
        for (let i = 0; i < INSTITUTES * (shape.projectsPerInstitute ?? 0); i++) {
          const inst = 100 + (i % INSTITUTES);
          yield [`PRJ-${i}`, inst, inst, `项目${i}`, pick(domains), start + Math.floor(rand() * span), 'active'];
        }
      })(),
    );
  });
  await c.analyze();
}
