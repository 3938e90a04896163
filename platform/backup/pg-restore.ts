import fs from 'node:fs';
import path from 'node:path';
import { closeDatabase, openDatabase } from '@/db/client';
import { printableLocation } from '@/db/config';
import { firstTableWithRows } from '@/db/copy/pg-copy';
import { otherConnections } from '@/db/copy/pg-server';
import { migrateDatabase } from '@/db/migrate';
import { pgMigrationsFolder } from '@/db/migrations-folder';
import { BackupError } from './backup-error';
import { backupPg, listArchive, toolsFor } from './pg-backup';
import { runPgTool } from './pg-tools';

// Restore on PostgreSQL (issue 16 item 4), checked as on SQLite (platform/backup/restore.ts): the archive is
// listed and must be a Fenghuo database of this version or older; the target must have no other connection
// (a running server) and, unless forced, no data; a target holding data is first dumped aside. pg_restore
// then replaces every object of the archive in ONE transaction (--clean --if-exists --single-transaction):
// the database is at every instant the old one or the whole restored one. Then the migrations the archive
// lacks are applied.

export interface PgRestoreOptions {
  force?: boolean;
  now?: Date;
  /** Where the dump of a target holding data is kept (the CLI: the backup folder). */
  keepDir: string;
}

/** The `created_at` of every migration recorded in the archive's drizzle.__drizzle_migrations. */
async function archiveMigrations(pgRestore: string, file: string, url: string): Promise<number[]> {
  const script = await runPgTool(pgRestore, ['--data-only', '--schema=drizzle', '--table=__drizzle_migrations', '--file=-', file], url);
  const lines = script.split('\n');
  const start = lines.findIndex((l) => l.startsWith('COPY drizzle.__drizzle_migrations'));
  if (start < 0) return [];
  const columns = /\(([^)]*)\)/
    .exec(lines[start]!)![1]!
    .split(',')
    .map((c) => c.trim());
  const at = columns.indexOf('created_at');
  const rows: number[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line === '\\.') break;
    rows.push(Number(line.split('\t')[at]));
  }
  return rows;
}

function knownMigrations(): Set<number> {
  const journal = JSON.parse(fs.readFileSync(path.join(pgMigrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
    entries: { when: number }[];
  };
  return new Set(journal.entries.map((e) => e.when));
}

function stamp(at: Date): string {
  return at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

/** The checks before anything changes: answers the pg_restore to use and how many migrations the archive lacks. */
async function checkRestore(source: string, url: string, force: boolean): Promise<{ pgRestore: string; pending: number; holds: boolean }> {
  const db = openDatabase(url);
  try {
    const tools = await toolsFor(db);
    await listArchive(tools.restore, source, url);
    const applied = await archiveMigrations(tools.restore, source, url);
    const known = knownMigrations();
    if (applied.some((w) => !known.has(w)))
      throw new BackupError(`${source} was written by a newer version of Fenghuo (unknown migrations).`);
    const others = await otherConnections(db);
    if (others > 0)
      throw new BackupError(
        `${printableLocation(url)} is in use by ${others} other connection(s) (is a server running?); stop every server first.`,
      );
    const holding = await firstTableWithRows(db);
    if (holding && !force)
      throw new BackupError(`${printableLocation(url)} already holds data; add --force to replace it (it is dumped aside first).`);
    return { pgRestore: tools.restore, pending: [...known].filter((w) => !applied.includes(w)).length, holds: holding !== null };
  } finally {
    await closeDatabase(db);
  }
}

/** Replaces the database `url` with the pg_dump archive `source`. */
export async function restorePg(
  source: string,
  url: string,
  opts: PgRestoreOptions,
): Promise<{ previous: string | null; migrated: number }> {
  const src = path.resolve(source);
  const { pgRestore, pending, holds } = await checkRestore(src, url, Boolean(opts.force));
  let previous: string | null = null;
  if (holds) {
    fs.mkdirSync(opts.keepDir, { recursive: true });
    previous = (await backupPg(url, path.join(opts.keepDir, `fenghuo-pre-restore-${stamp(opts.now ?? new Date())}.dump`))).file;
  }
  const database = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  await runPgTool(
    pgRestore,
    ['--clean', '--if-exists', '--single-transaction', '--exit-on-error', '--no-owner', '--no-privileges', `--dbname=${database}`, src],
    url,
  ).catch((error: Error) => {
    throw new BackupError(
      `${error.message}\nNothing was changed (one transaction). A backup of an older version is restored into an empty database.`,
    );
  });
  const db = openDatabase(url);
  try {
    await migrateDatabase(db);
  } finally {
    await closeDatabase(db);
  }
  return { previous, migrated: pending };
}
