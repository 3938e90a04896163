import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '@/db/client';
import { migrateDatabase, migrationsFolder } from '@/db/migrate';
import { appliedMigrations, detachFile, fileHoldsData, foldWal } from '@/db/engine/sqlite-files';
import { isPostgresUrl } from '@/db/config';
import { BackupError, checkDatabaseFile, fsyncPath } from '@/platform/backup/backup';
import { restorePg } from './pg-restore';

export interface RestoreResult {
  /** The database that was replaced, kept beside it under a new name (null when there was none). */
  previous: string | null;
  /** Migrations the backup lacked and that were applied to it before the swap. */
  migrated: number;
  ms: number;
}

/** The `when` of every migration this version of the product knows. */
function knownMigrations(): Set<number> {
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
    entries: { when: number }[];
  };
  return new Set(journal.entries.map((e) => e.when));
}

/**
 * Checks that a file is a whole Fenghuo database this version can run: it passes `integrity_check`, it
 * has been migrated, and it holds no migration this version does not know (a backup from a newer version is
 * refused rather than run against older code). Answers how many known migrations it still lacks.
 */
export function verifyBackupFile(file: string): { pending: number } {
  if (!fs.existsSync(file)) throw new BackupError(`${file} does not exist.`);
  let problems: string[];
  try {
    problems = checkDatabaseFile(file, true);
  } catch (error) {
    throw new BackupError(`${file} is not a SQLite database: ${(error as Error).message}`);
  }
  if (problems.length) throw new BackupError(`${file} fails the integrity check: ${problems.slice(0, 3).join('; ')}`);
  const applied = appliedMigrations(file);
  if (!applied) throw new BackupError(`${file} is not a Fenghuo database (it has no migration history).`);
  const known = knownMigrations();
  const unknown = applied.filter((w) => !known.has(w));
  if (unknown.length) throw new BackupError(`${file} was written by a newer version of Fenghuo (${unknown.length} unknown migration(s)).`);
  return { pending: [...known].filter((w) => !applied.includes(w)).length };
}

/**
 * Makes sure nothing else has the database open, and leaves it as one self-contained file: leaving WAL mode
 * needs the only connection, so a running server (or any other process) makes this fail at once.
 */
function detachTarget(file: string): void {
  if (!detachFile(file)) throw new BackupError(`${file} is in use by another process (is the server running?); stop it first.`);
}

/**
 * Moves everything in `file`'s write-ahead log into the file itself, so the file alone is the database (its
 * -wal is deleted before the swap). Closing the engine normally does this already; done again here, on a
 * connection of its own after the engine's are closed, so that a checkpoint left undone fails the restore
 * instead of losing the migrations with the deleted -wal.
 */
function foldWalOrFail(file: string): void {
  if (!foldWal(file)) throw new BackupError(`${file} could not be checkpointed (it is in use).`);
}

/**
 * Replaces the database at `target` with the backup `source`: the backup is verified, copied beside the
 * target, migrated to this version and checked there, and then renamed over the target in one atomic step,
 * so the target is at every instant either the old database or the whole restored one. The old database
 * is kept as `<target>.pre-restore-<time>`. A target holding data is replaced only with `force`. A
 * postgres:// target is restored from a pg_dump archive (platform/backup/pg-restore.ts); its old data is
 * dumped to `keepDir` (default: the archive's folder).
 */
export async function restoreDatabase(
  source: string,
  target: string,
  opts: { force?: boolean; now?: Date; keepDir?: string } = {},
): Promise<RestoreResult> {
  const started = performance.now();
  if (isPostgresUrl(target)) {
    const done = await restorePg(source, target, { ...opts, keepDir: opts.keepDir ?? path.dirname(path.resolve(source)) });
    return { ...done, ms: performance.now() - started };
  }
  const src = path.resolve(source);
  const dst = path.resolve(target);
  if (src === dst) throw new BackupError('The backup and the database are the same file.');
  const { pending } = verifyBackupFile(src);
  const exists = fs.existsSync(dst);
  if (exists) {
    detachTarget(dst);
    if (!opts.force && fileHoldsData(dst))
      throw new BackupError(`${target} already holds data; add --force to replace it (it is kept aside).`);
  }
  fs.mkdirSync(path.dirname(dst), { recursive: true });
  const tmp = `${dst}.restore-${process.pid}`;
  const sidecars = (f: string) => [`${f}-wal`, `${f}-shm`, `${f}-journal`];
  for (const f of [tmp, ...sidecars(tmp)]) fs.rmSync(f, { force: true });
  try {
    fs.copyFileSync(src, tmp);
    const db = openDatabase(tmp);
    try {
      await migrateDatabase(db);
    } finally {
      db.close();
    }
    foldWalOrFail(tmp);
    const problems = checkDatabaseFile(tmp);
    if (problems.length) throw new BackupError(`The restored copy fails its check: ${problems.slice(0, 3).join('; ')}`);
    for (const f of sidecars(tmp)) fs.rmSync(f, { force: true });
    fsyncPath(tmp);
    let previous: string | null = null;
    if (exists) {
      previous = `${dst}.pre-restore-${(opts.now ?? new Date())
        .toISOString()
        .replace(/[-:]/g, '')
        .replace(/\.\d+Z$/, 'Z')}`;
      fs.linkSync(dst, previous);
      // No write-ahead log of the old database may be replayed onto the restored one.
      for (const f of sidecars(dst)) fs.rmSync(f, { force: true });
    }
    fs.renameSync(tmp, dst);
    fsyncPath(path.dirname(dst));
    return { previous, migrated: pending, ms: performance.now() - started };
  } finally {
    for (const f of [tmp, ...sidecars(tmp)]) fs.rmSync(f, { force: true });
  }
}
