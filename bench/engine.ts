// Benchmark: the async engine (db/engine, decision 040; the product's only data layer since issue 15) beside
// the synchronous drizzle it replaced (drizzle-orm/better-sqlite3, built here over a bare connection, for
// comparison only) and raw better-sqlite3, on the same reads of one file, in one run, as ratios.
// `npm run bench -- engine`.
//   per institute: the rating inputs' shape, two small indexed queries per institute (per-query overhead:
//                  drizzle's re-prepare, the engine's promise and routing, the statement cache)
//   year of rows:  one year's incidents in one query (row mapping dominates)
//   list page:     a joined, ordered page of 50 hazards, many times (the record list's shape)
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { and, desc, eq, gte, lt } from 'drizzle-orm';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { openDatabase } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { ensureReferenceData } from '@/db/reference/reference';
import * as schema from '@/db/schema';
import { hazards, incidents, units } from '@/db/schema';
import type { Db } from '@/db/tx';
import { yearStart } from '@/domain/time/shanghai';
import { buildDataset } from './dataset';
import { rawSqlite } from './raw-db';
import { openRaw } from './raw-sqlite';

const INSTITUTES = Number(process.env.BENCH_INSTITUTES ?? 2000);
const INCIDENTS = Number(process.env.BENCH_INCIDENTS ?? 200_000);
const HAZARDS = Number(process.env.BENCH_HAZARDS ?? 400_000);
const PAGES = Number(process.env.BENCH_PAGES ?? 500);
const YEAR = 2025;
const file = path.resolve(`.tmp/bench/engine-${INSTITUTES}-${INCIDENTS}-${HAZARDS}.db`);
const start = yearStart(YEAR);
const end = yearStart(YEAR + 1);
const ids = Array.from({ length: INSTITUTES }, (_, i) => 100 + i);

const incidentCols = { id: incidents.id, tier: incidents.tier, occurredAt: incidents.occurredAt, status: incidents.status };
const hazardCols = { id: hazards.id, severity: hazards.severity, foundAt: hazards.foundAt, dueAt: hazards.dueAt };
const pageCols = { id: hazards.id, externalId: hazards.externalId, foundAt: hazards.foundAt, unit: units.code, unitName: units.name };
const inYear = (id: number) => and(eq(incidents.instituteId, id), gte(incidents.occurredAt, start), lt(incidents.occurredAt, end));
const foundInYear = (id: number) => and(eq(hazards.instituteId, id), gte(hazards.foundAt, start), lt(hazards.foundAt, end));

/** The three workloads, each written for one way of reading; each answers how many rows it read. */
interface Way {
  perInstitute(): Promise<number> | number;
  yearOfRows(): Promise<number> | number;
  listPages(): Promise<number> | number;
}

/** The synchronous drizzle layer the product had before issue 15, over a bare connection. */
type SyncDb = BetterSQLite3Database<typeof schema>;

function rawWay(c: Database.Database): Way {
  const inc = c.prepare(
    'SELECT id, tier, occurred_at, status FROM incidents WHERE institute_id = ? AND occurred_at >= ? AND occurred_at < ?',
  );
  const haz = c.prepare('SELECT id, severity, found_at, due_at FROM hazards WHERE institute_id = ? AND found_at >= ? AND found_at < ?');
  const year = c.prepare('SELECT id, tier, occurred_at, status FROM incidents WHERE occurred_at >= ? AND occurred_at < ?');
  const page = c.prepare(
    `SELECT h.id, h.external_id, h.found_at, u.code, u.name FROM hazards h JOIN units u ON u.id = h.unit_id
     WHERE h.institute_id = ? ORDER BY h.found_at DESC LIMIT 50`,
  );
  const [s, e] = [start.getTime(), end.getTime()];
  return {
    perInstitute: () => ids.reduce((n, id) => n + inc.all(id, s, e).length + haz.all(id, s, e).length, 0),
    yearOfRows: () => year.all(s, e).length,
    listPages: () => ids.slice(0, PAGES).reduce((n, id) => n + page.all(id).length, 0),
  };
}

function syncWay(sync: SyncDb): Way {
  const page = (id: number) =>
    sync
      .select(pageCols)
      .from(hazards)
      .innerJoin(units, eq(units.id, hazards.unitId))
      .where(eq(hazards.instituteId, id))
      .orderBy(desc(hazards.foundAt))
      .limit(50)
      .all();
  return {
    perInstitute: () =>
      ids.reduce(
        (n, id) =>
          n +
          sync.select(incidentCols).from(incidents).where(inYear(id)).all().length +
          sync.select(hazardCols).from(hazards).where(foundInYear(id)).all().length,
        0,
      ),
    yearOfRows: () =>
      sync
        .select(incidentCols)
        .from(incidents)
        .where(and(gte(incidents.occurredAt, start), lt(incidents.occurredAt, end)))
        .all().length,
    listPages: () => ids.slice(0, PAGES).reduce((n, id) => n + page(id).length, 0),
  };
}

function engineWay(db: Db): Way {
  const page = (id: number) =>
    db
      .select(pageCols)
      .from(hazards)
      .innerJoin(units, eq(units.id, hazards.unitId))
      .where(eq(hazards.instituteId, id))
      .orderBy(desc(hazards.foundAt))
      .limit(50);
  return {
    perInstitute: async () => {
      let n = 0;
      for (const id of ids) {
        n += (await db.select(incidentCols).from(incidents).where(inYear(id))).length;
        n += (await db.select(hazardCols).from(hazards).where(foundInYear(id))).length;
      }
      return n;
    },
    yearOfRows: async () =>
      (
        await db
          .select(incidentCols)
          .from(incidents)
          .where(and(gte(incidents.occurredAt, start), lt(incidents.occurredAt, end)))
      ).length,
    listPages: async () => {
      let n = 0;
      for (const id of ids.slice(0, PAGES)) n += (await page(id)).length;
      return n;
    },
  };
}

async function time(work: () => Promise<number> | number): Promise<{ ms: number; rows: number }> {
  const t0 = performance.now();
  const rows = await work();
  return { ms: performance.now() - t0, rows };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The engine (migrated through it) and a bare connection to the same file, the data built on the first run. */
async function openData(): Promise<{ engine: Db; sqlite: Database.Database }> {
  const fresh = !fs.existsSync(file);
  const engine = openDatabase(file);
  await migrateDatabase(engine);
  await ensureReferenceData(engine);
  const sqlite = openRaw(file);
  if (fresh) {
    console.log(`Building ${file}: ${INSTITUTES} institutes, ${INCIDENTS} incidents, ${HAZARDS} hazards…`);
    await buildDataset(rawSqlite(sqlite), {
      institutes: INSTITUTES,
      incidents: INCIDENTS,
      hazards: HAZARDS,
      from: yearStart(2016),
      until: end,
    });
  }
  return { engine, sqlite };
}

async function main(): Promise<void> {
  const { engine, sqlite } = await openData();
  const ways: [string, Way][] = [
    ['raw better-sqlite3', rawWay(sqlite)],
    ['sync drizzle', syncWay(drizzle(sqlite, { schema }))],
    ['async engine', engineWay(engine)],
  ];
  const workloads: (keyof Way)[] = ['perInstitute', 'yearOfRows', 'listPages'];
  const ms = new Map<string, number[]>();
  const rows = new Map<string, number>();
  // One warm-up round, then six; the three ways take turns going first, so that noise (and the garbage the
  // previous one left to collect) hits all alike.
  for (let round = 0; round < 7; round++) {
    for (const workload of workloads) {
      for (const [name, way] of [...ways.slice(round % 3), ...ways.slice(0, round % 3)]) {
        const t = await time(() => way[workload]());
        const key = `${workload}|${name}`;
        if (rows.has(key) && rows.get(key) !== t.rows) throw new Error(`${key}: ${t.rows} rows, before ${rows.get(key)}`);
        rows.set(key, t.rows);
        if (round > 0) ms.set(key, [...(ms.get(key) ?? []), t.ms]);
      }
    }
  }
  for (const workload of workloads) {
    const counts = new Set(ways.map(([name]) => rows.get(`${workload}|${name}`)));
    if (counts.size !== 1) throw new Error(`${workload}: the three ways read different row counts (${[...counts].join(', ')})`);
    const raw = median(ms.get(`${workload}|raw better-sqlite3`)!);
    console.log(`${workload} (${[...counts][0]} rows):`);
    for (const [name] of ways) {
      const m = median(ms.get(`${workload}|${name}`)!);
      console.log(`  ${name.padEnd(20)} median ${m.toFixed(1).padStart(8)} ms   ×${(m / raw).toFixed(2)} raw`);
    }
  }
  engine.close();
  sqlite.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
