// The synthetic academy the benchmarks run on: 20 branches, N institutes, incidents and hazards spread
// evenly over a span of time, deterministic so every run measures the same data. Written by raw prepared
// statements on a bare better-sqlite3 connection to the (migrated) file: building the data is not measured.
import type Database from 'better-sqlite3';
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

export function buildDataset(c: Database.Database, shape: DatasetShape): void {
  const { institutes: INSTITUTES, incidents: INCIDENTS, hazards: HAZARDS } = shape;
  const start = shape.from.getTime();
  const span = shape.until.getTime() - start;
  c.transaction(() => {
    c.prepare("INSERT INTO units (id, code, name, kind, path) VALUES (1, 'ACADEMY', '本院', 'academy', '/1/')").run();
    const unit = c.prepare('INSERT INTO units (id, code, name, kind, parent_id, path, institute_id) VALUES (?, ?, ?, ?, ?, ?, ?)');
    for (let b = 0; b < 20; b++) unit.run(2 + b, `B${b}`, `分院${b}`, 'branch', 1, `/1/${2 + b}/`, null);
    for (let i = 0; i < INSTITUTES; i++) {
      const id = 100 + i;
      const branch = 2 + (i % 20);
      unit.run(id, `I${i}`, `研究所${i}`, 'institute', branch, `/1/${branch}/${id}/`, id);
    }
    const domains = ['ai', 'gene_editing', 'drones', 'autonomous_driving', 'medical_diagnosis', 'service_robots'];
    const incident = c.prepare(
      `INSERT INTO incidents (external_id, unit_id, institute_id, domain, dimension, tier, occurred_at, discovered_at, reported_at, deaths, serious_injuries, direct_loss_cny, concealed, status)
       VALUES (?, ?, ?, ?, 'loss', ?, ?, ?, ?, ?, 0, ?, ?, ?)`,
    );
    for (let n = 0; n < INCIDENTS; n++) {
      const inst = 100 + Math.floor(rand() * INSTITUTES);
      const at = start + Math.floor(rand() * span);
      const tier = rand() < 0.9 ? 4 : rand() < 0.8 ? 3 : rand() < 0.8 ? 2 : 1;
      const delay = Math.floor(rand() * 100) * 3_600_000;
      incident.run(
        `INC-${n}`,
        inst,
        inst,
        pick(domains),
        tier,
        at,
        at,
        at + delay,
        rand() < 0.02 ? 3 : 0,
        Math.floor(rand() * 1e6),
        rand() < 0.005 ? 1 : 0,
        rand() < 0.02 ? 'withdrawn' : 'closed',
      );
    }
    const hazard = c.prepare(
      `INSERT INTO hazards (external_id, unit_id, institute_id, domain, dimension, severity, found_at, due_at, rectified_at, status)
       VALUES (?, ?, ?, ?, 'data', ?, ?, ?, ?, ?)`,
    );
    for (let n = 0; n < HAZARDS; n++) {
      const inst = 100 + Math.floor(rand() * INSTITUTES);
      const found = start + Math.floor(rand() * span);
      const due = found + (15 + Math.floor(rand() * 90)) * DAY_MS;
      const r = rand();
      const rectified = r < 0.85 ? found + Math.floor(rand() * 100) * DAY_MS : r < 0.97 ? due + Math.floor(rand() * 200) * DAY_MS : null;
      hazard.run(
        `HZ-${n}`,
        inst,
        inst,
        pick(domains),
        rand() < 0.1 ? 'major' : 'general',
        found,
        due,
        rectified,
        rectified ? 'rectified' : 'open',
      );
    }
    const project = c.prepare(
      `INSERT INTO projects (external_id, unit_id, institute_id, title, domain, started_at, status) VALUES (?, ?, ?, ?, ?, ?, 'active')`,
    );
    for (let i = 0; i < INSTITUTES * (shape.projectsPerInstitute ?? 0); i++) {
      const inst = 100 + (i % INSTITUTES);
      project.run(`PRJ-${i}`, inst, inst, `项目${i}`, pick(domains), start + Math.floor(rand() * span));
    }
  })();
  c.pragma('optimize');
}
