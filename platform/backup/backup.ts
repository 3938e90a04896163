import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '@/db/client';
import { dbConfig } from '@/db/config';
import { checkDatabaseFile, vacuumInto } from '@/db/engine/sqlite-files';
import { isPostgresUrl } from '@/db/config';
import { BackupError, fsyncPath } from './backup-error';
import { backupPg } from './pg-backup';

export interface BackupResult {
  file: string;
  bytes: number;
  ms: number;
}

export { BackupError, fsyncPath };

export { checkDatabaseFile };

/**
 * Writes a consistent copy of the open database to `dest` while the server keeps writing
 * (docs/decisions/015): `VACUUM INTO` reads one snapshot inside a read transaction, which in WAL mode
 * never blocks writers and is never restarted by them. It runs on a read-only connection of its own to the
 * engine's file, so it neither holds nor waits for the engine's write queue, and sees only committed data.
 * The copy goes to a temporary name beside `dest`, is checked and synced, and only then renamed into place,
 * so `dest` is either absent or a whole backup. On PostgreSQL, pg_dump's custom format does the same
 * (platform/backup/pg-backup.ts).
 */
export async function backupDatabase(db: Db, dest: string, opts: { overwrite?: boolean } = {}): Promise<BackupResult> {
  const started = performance.now();
  const target = path.resolve(dest);
  if (fs.existsSync(target) && !opts.overwrite) throw new BackupError(`${dest} already exists; choose another name (or --force).`);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  if (isPostgresUrl(db.file)) return { ...(await backupPg(db.file, target)), ms: performance.now() - started };
  const tmp = `${target}.partial-${process.pid}`;
  fs.rmSync(tmp, { force: true });
  try {
    vacuumInto(db.file, tmp, dbConfig().FENGHUO_DB_BUSY_TIMEOUT_MS);
    const problems = checkDatabaseFile(tmp);
    if (problems.length) throw new BackupError(`The backup did not pass its check: ${problems.slice(0, 3).join('; ')}`);
    fsyncPath(tmp);
    fs.renameSync(tmp, target);
    fsyncPath(path.dirname(target));
  } finally {
    fs.rmSync(tmp, { force: true });
  }
  return { file: target, bytes: fs.statSync(target).size, ms: performance.now() - started };
}

/** A backup's extension: a SQLite file, or PostgreSQL's custom-format archive. */
export type BackupKind = 'db' | 'dump';

/** The kind of backup a database location makes. */
export function backupKind(location: string): BackupKind {
  return isPostgresUrl(location) ? 'dump' : 'db';
}

/** A backup's file name by its UTC instant: names sort in time order. */
export function backupFileName(at: Date, kind: BackupKind = 'db'): string {
  return `fenghuo-${at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')}.${kind}`;
}

/**
 * Deletes all but the newest `keep` nightly backups of one kind in `dir`; other files there, the other
 * engine's backups among them (an installation moved to PostgreSQL keeps its last SQLite ones), are left alone.
 */
export function pruneBackups(dir: string, keep: number, kind: BackupKind = 'db'): string[] {
  if (!fs.existsSync(dir)) return [];
  const name = new RegExp(`^fenghuo-\\d{8}T\\d{6}Z\\.${kind}$`);
  const backups = fs
    .readdirSync(dir)
    .filter((f) => name.test(f))
    .sort();
  const removed = backups.slice(0, Math.max(0, backups.length - keep));
  for (const f of removed) fs.rmSync(path.join(dir, f), { force: true });
  return removed;
}

/**
 * Where nightly backups go: FENGHUO_BACKUP_DIR, else `backups/` beside the database file (on PostgreSQL, which
 * has no file here, beside FENGHUO_DB's default: ./data/backups).
 */
export function backupDir(config: { FENGHUO_DB: string; FENGHUO_BACKUP_DIR?: string }): string {
  // A path from the configuration, not a file of the build: tell the bundler not to trace it.
  return path.resolve(
    /*turbopackIgnore: true*/ config.FENGHUO_BACKUP_DIR ?? path.join(path.dirname(path.resolve(config.FENGHUO_DB)), 'backups'),
  );
}
