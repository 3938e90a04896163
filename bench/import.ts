// Benchmark: a 50,000-row incident spreadsheet through the import (read, validate, store, audit) beside
// raw SQLite inserting the same rows, in one run. `npm run bench -- import`.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { openDatabase } from '@/db/client';
import { bootstrap } from '@/server/startup/bootstrap';
import { parseEnv } from '@/server/env';
import { resolveActor } from '@/features/auth/resolve-actor';
import { importSpreadsheet } from '@/features/import/import';
import { openRaw } from './raw-sqlite';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 50_000);
const dir = path.resolve('.tmp/bench');

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
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `import-${process.pid}.db`);
  const db = openDatabase(file);
  await bootstrap(db, parseEnv({ FENGHUO_DB: file }));
  // Raw SQLite (bench/raw-sqlite.ts): the institutes' codes, and the baseline below.
  const sqlite = openRaw(file);
  const codes = (sqlite.prepare("SELECT code FROM units WHERE kind = 'institute'").all() as { code: string }[]).map((u) => u.code);
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

  // Raw SQLite: the same rows inserted by one prepared statement in one transaction (no reading, no checks).
  const ids = new Map(
    (sqlite.prepare('SELECT code, id, institute_id FROM units').all() as { code: string; id: number; institute_id: number }[]).map((u) => [
      u.code,
      u,
    ]),
  );
  const insert = sqlite.prepare(
    `INSERT INTO incidents (external_id, unit_id, institute_id, domain, dimension, tier, occurred_at, discovered_at, reported_at, deaths, direct_loss_cny, summary)
     VALUES (?, ?, ?, 'drones', 'loss', 4, ?, ?, ?, 0, ?, ?)`,
  );
  t = performance.now();
  sqlite.transaction(() => {
    for (let i = 0; i < ROWS; i++) {
      const u = ids.get(codes[i % codes.length]!)!;
      const at = Date.parse(`2026-03-${String(1 + (i % 28)).padStart(2, '0')}T09:30:00+08:00`);
      insert.run(`RAW-${i}`, u.id, u.institute_id, at, at, at + 5_400_000, 12000 + i, '无人机试飞失控坠落，无人员伤亡');
    }
  })();
  const rawMs = performance.now() - t;
  console.log(`  preview (read + validate, dry run): ${(previewMs / 1000).toFixed(1)} s`);
  console.log(`  import (read + validate + store + audit): ${(importMs / 1000).toFixed(1)} s`);
  console.log(`  raw SQLite insert of the same rows: ${(rawMs / 1000).toFixed(1)} s`);
  console.log(`  ratio import / raw insert: ${(importMs / rawMs).toFixed(1)}  (target: well under a minute for the import)`);
  sqlite.close();
  db.close();
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
