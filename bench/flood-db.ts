// The benchmark's flood (issue 13, item 8): a fresh demo academy whose institute BJ01 has `hazards` open
// hazards posted by its own reporter, found this year and most overdue, inserted directly in one
// transaction. Used by `npm run bench -- pages`, `npm run bench -- jobs` and the off-thread e2e test.
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { openDatabase } from '@/db/client';
import { bootstrap } from '@/server/startup/bootstrap';
import { parseEnv } from '@/server/env';
import { shanghaiYear } from '@/domain/time/shanghai';
import { openRaw } from './raw-sqlite';

export const FLOOD_UNIT = 'BJ01';
export const FLOOD_DOMAIN = 'ai';
const DAY = 86_400_000;

/** Builds `file` from nothing; returns how long the insert took (ms). One in 20 hazards is major. */
export async function buildFloodDb(file: string, hazards: number, now = Date.now()): Promise<number> {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  const db = openDatabase(file);
  await bootstrap(db, parseEnv({ FENGHUO_SEED_DEMO: 'true' }));
  db.close();
  // The flood itself: raw prepared statements in one transaction (data for the benchmark, not the product's path).
  const sqlite = openRaw(file);
  const unit = sqlite.prepare('SELECT id FROM units WHERE code = ?').get(FLOOD_UNIT) as { id: number };
  const reporter = sqlite.prepare("SELECT id FROM users WHERE login = 'bj01.reporter'").get() as { id: number };
  const yearStart = Date.parse(`${shanghaiYear(new Date(now))}-01-01T00:00:00+08:00`);
  const insert = sqlite.prepare(
    `INSERT INTO hazards (external_id, unit_id, institute_id, created_by, domain, dimension, severity, source, found_at, due_at, status)
     VALUES (?, ?, ?, ?, ?, 'loss', ?, 'self_inspection', ?, ?, 'open')`,
  );
  const t0 = performance.now();
  sqlite.transaction(() => {
    for (let i = 0; i < hazards; i++) {
      const found = yearStart + ((i * 7919) % Math.max(1, now - yearStart - DAY));
      insert.run(`FLOOD-${i}`, unit.id, unit.id, reporter.id, FLOOD_DOMAIN, i % 20 === 0 ? 'major' : 'general', found, found + 30 * DAY);
    }
  })();
  const ms = performance.now() - t0;
  sqlite.close();
  return ms;
}

/**
 * Whether a server's start-up jobs are done on `file`: the alerts run finished, no claim still running and
 * this year's provisional ratings stored with their mark. They run in the job thread (decision 031), so a
 * prompt health check no longer says so.
 */
export function startJobsDone(file: string, year: number): boolean {
  const db = new Database(file, { readonly: true });
  try {
    const n = (sql: string, ...params: unknown[]) => (db.prepare(sql).get(...params) as { n: number }).n;
    return (
      n("SELECT count(*) AS n FROM job_runs WHERE status = 'running'") === 0 &&
      n("SELECT count(*) AS n FROM job_runs WHERE job = 'alerts' AND status = 'done'") > 0 &&
      n('SELECT count(*) AS n FROM settings WHERE key = ?', `ratings_mark:${year}`) > 0
    );
  } finally {
    db.close();
  }
}
