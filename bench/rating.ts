// Benchmark: rating every institute for a year at the scale of issue 4 (2,000 institutes, 1 M incidents and
// 3 M hazards over ten years), beside raw SQLite reading the same rows, in one run. `npm run bench`.
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase, type Db } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { ensureReferenceData } from '@/db/queries/reference';
import { CAS_2019_V1 } from '@/lib/rating/default-rule-set';
import { rateInstitutes } from '@/lib/rating/rate-institutes';
import { DAY_MS, yearStart } from '@/lib/time';

const INSTITUTES = Number(process.env.BENCH_INSTITUTES ?? 2000);
const INCIDENTS = Number(process.env.BENCH_INCIDENTS ?? 1_000_000);
const HAZARDS = Number(process.env.BENCH_HAZARDS ?? 3_000_000);
const FIRST_YEAR = 2016;
const YEAR = 2025;
const file = path.resolve(`.tmp/bench/rating-${INSTITUTES}-${INCIDENTS}-${HAZARDS}.db`);

// A small deterministic generator, so every run rates the same data.
let seed = 20190701;
const rand = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;

function build(db: Db): void {
  const c = db.$client;
  const start = yearStart(FIRST_YEAR).getTime();
  const span = yearStart(YEAR + 1).getTime() - start;
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
  })();
  c.pragma('optimize');
}

/** The same rows and columns the rating reads, by the same statements, without mapping or evaluating them. */
function rawRead(db: Db): number {
  const c = db.$client;
  const start = yearStart(YEAR).getTime();
  const asOf = yearStart(YEAR + 1).getTime();
  const hazardCols = 'id, external_id, institute_id, severity, found_at, due_at, rectified_at, status';
  let rows = 0;
  for (const _ of c
    .prepare(
      'SELECT id, external_id, institute_id, tier, occurred_at, discovered_at, reported_at, deaths, serious_injuries, direct_loss_cny, concealed, status FROM incidents WHERE occurred_at >= ? AND occurred_at < ?',
    )
    .raw()
    .iterate(start, asOf))
    rows++;
  for (const _ of c
    .prepare(
      `SELECT ${hazardCols} FROM hazards WHERE found_at >= ? AND found_at < ?
       UNION ALL SELECT ${hazardCols} FROM hazards WHERE rectified_at IS NULL AND found_at < ? AND due_at < ?
       UNION ALL SELECT ${hazardCols} FROM hazards WHERE rectified_at > ? AND found_at < ? AND due_at < ? AND rectified_at > due_at`,
    )
    .raw()
    .iterate(start, asOf, start, asOf, start, start, asOf))
    rows++;
  for (const _ of c
    .prepare(
      'SELECT id, external_id, institute_id, started_at, requires_permit, permit_at, requires_filing, filed_at, status FROM projects WHERE started_at >= ? AND started_at < ?',
    )
    .raw()
    .iterate(start, asOf))
    rows++;
  return rows;
}

function time<T>(work: () => T): { ms: number; result: T } {
  const t0 = performance.now();
  const result = work();
  return { ms: performance.now() - t0, result };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function main(): void {
  const fresh = !fs.existsSync(file);
  const db = openDatabase(file);
  migrateDatabase(db);
  ensureReferenceData(db);
  if (fresh) {
    console.log(`Building ${file}: ${INSTITUTES} institutes, ${INCIDENTS} incidents, ${HAZARDS} hazards (${FIRST_YEAR}-${YEAR})…`);
    const built = time(() => build(db));
    console.log(`  built in ${(built.ms / 1000).toFixed(1)} s (kept for later runs)`);
  }
  // Warm the page cache once, then alternate the two so that noise hits both alike.
  rawRead(db);
  const product: number[] = [];
  const raw: number[] = [];
  let rated = 0;
  let rows = 0;
  for (let i = 0; i < 5; i++) {
    const r = time(() => rawRead(db));
    raw.push(r.ms);
    rows = r.result;
    const p = time(() => rateInstitutes(db, CAS_2019_V1, YEAR));
    product.push(p.ms);
    rated = p.result.length;
  }
  const p = median(product);
  const q = median(raw);
  console.log(`rating ${YEAR}: ${rated} institutes from ${rows} rows`);
  console.log(`  product (read + evaluate + explain): median ${p.toFixed(0)} ms`);
  console.log(`  raw SQLite (same rows, no mapping):  median ${q.toFixed(0)} ms`);
  console.log(`  ratio product / raw: ${(p / q).toFixed(2)}  (target: under 2 s for the product)`);
  db.$client.close();
}

main();
