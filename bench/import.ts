// Benchmark: a 50,000-row incident spreadsheet through the import (read, validate, store, audit) beside the
// engine's own driver inserting the same rows (one prepared INSERT per row in one transaction), in one run, on
// the engine bench/index.ts chose (bench/bench-db.ts). `npm run bench -- import`.
import ExcelJS from 'exceljs';
import { closeDatabase, openDatabase } from '@/db/client';
import { bootstrap } from '@/server/startup/bootstrap';
import { parseEnv } from '@/server/env';
import { resolveActor } from '@/features/auth/resolve-actor';
import { importSpreadsheet } from '@/features/import/import';
import { benchLocation, engineName, locationEnv, removeBenchDb } from './bench-db';
import { openRawDb } from './raw-db';
import { RAW_INCIDENT_COLUMNS, rawIncidentRow } from './raw-incidents';
import { report } from './report';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 50_000);

async function buildFile(codes: string[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('事件');
  ws.addRow(['externalId', 'unitCode', 'domain', 'dimension', 'tier', 'occurredAt', 'reportedAt', 'deaths', 'directLossCny', 'summary']);
  for (let i = 0; i < ROWS; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    ws.addRow([
      `BENCH-${i}`,
      codes[i % codes.length],
      'drones',
      'loss',
      4,
      `2026-03-${day}T09:30:00+08:00`,
      `2026-03-${day}T11:00:00+08:00`,
      0,
      12000 + i,
      '无人机试飞失控坠落，无人员伤亡',
    ]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function main() {
  const location = benchLocation(`import-${process.pid}`);
  const db = openDatabase(location);
  await bootstrap(db, parseEnv(locationEnv(location)));
  // The engine's own driver (bench/raw-db.ts): the institutes' codes, and the baseline below.
  const raw = await openRawDb(location);
  const codes = (await raw.rows("SELECT code FROM units WHERE kind = 'institute'")).map(([code]) => code as string);
  const xlsx = await buildFile(codes);
  console.log(`${ROWS} incident rows, XLSX ${(xlsx.length / 1024 / 1024).toFixed(1)} MB`);
  const actor = (await resolveActor(db, { cliLogin: 'office' }))!;

  let t = performance.now();
  const preview = await importSpreadsheet(db, actor, 'incidents', xlsx, 'xlsx', { dryRun: true, now: new Date() });
  const previewMs = performance.now() - t;
  t = performance.now();
  const done = await importSpreadsheet(db, actor, 'incidents', xlsx, 'xlsx', { dryRun: false, now: new Date() });
  const importMs = performance.now() - t;
  if (!preview.ok || !done.ok || done.created !== ROWS)
    throw new Error(`import failed: ${JSON.stringify({ ...done, problems: done.problems.length })}`);

  // The raw engine: the same rows inserted in one transaction (no reading, no checks).
  const ids = new Map(
    (await raw.rows('SELECT code, id, institute_id FROM units')).map(([code, id, institute]) => [
      code as string,
      { id: id as number, institute_id: institute as number },
    ]),
  );
  // In the engine's fastest plain way (RawDb.insertMany): SQLite one prepared INSERT a row, pg ~1,000-row INSERTs.
  const rows = Array.from({ length: ROWS }, (_, i) => {
    const u = ids.get(codes[i % codes.length]!)!;
    const at = Date.parse(`2026-03-${String(1 + (i % 28)).padStart(2, '0')}T09:30:00+08:00`);
    return rawIncidentRow(`RAW-${i}`, u.id, u.institute_id, at, at + 5_400_000, 12000 + i, '无人机试飞失控坠落，无人员伤亡');
  });
  t = performance.now();
  await raw.transaction(() => raw.insertMany('incidents', RAW_INCIDENT_COLUMNS, rows));
  const rawMs = performance.now() - t;
  console.log(`  preview (read + validate, dry run): ${(previewMs / 1000).toFixed(1)} s`);
  console.log(`  import (read + validate + store + audit): ${(importMs / 1000).toFixed(1)} s`);
  console.log(`  raw ${engineName} insert of the same rows: ${(rawMs / 1000).toFixed(1)} s`);
  console.log(`  ratio import / raw insert: ${(importMs / rawMs).toFixed(1)}  (target: well under a minute for the import)`);
  report('import', [
    {
      figure: `${ROWS}-row import (read, validate, store, audit)`,
      value: importMs / 1000,
      unit: 's',
      raw: rawMs / 1000,
      goal: { max: 60 },
    },
    { figure: `${ROWS}-row import, product / raw insert`, value: importMs / rawMs, unit: '×' },
  ]);
  await raw.close();
  await closeDatabase(db);
  removeBenchDb(location);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
