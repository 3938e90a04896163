import fs from 'node:fs';
import path from 'node:path';
import { closeDatabase, openDatabase, type Db } from '@/db/client';
import { serverMajorVersion } from '@/db/copy/pg-server';
import { BackupError, fsyncPath } from './backup-error';
import { findPgTool, runPgTool } from './pg-tools';

// Backup on PostgreSQL (issue 16 item 4, docs/decisions/015 carried over): `pg_dump -Fc`, which reads one
// repeatable-read snapshot while the servers keep writing, into a temporary name beside the target; the
// archive is listed with `pg_restore --list` (a truncated or foreign file fails there) and must hold the
// audit log and the migration history; only then is it synced and renamed into place.

/** Entries every Fenghuo archive holds: without them it could not be restored and verified. */
const REQUIRED = [/TABLE DATA public audit_log /, /TABLE DATA drizzle __drizzle_migrations /];

/** pg_restore of the version matching the server `db` runs on. */
export async function toolsFor(db: Db): Promise<{ dump: string; restore: string }> {
  const major = await serverMajorVersion(db);
  return { dump: findPgTool('pg_dump', major), restore: findPgTool('pg_restore', major) };
}

/** Lists an archive's contents; refuses a file pg_restore cannot read or that is not a Fenghuo database. */
export async function listArchive(pgRestore: string, file: string, url: string): Promise<string> {
  if (!fs.existsSync(file)) throw new BackupError(`${file} does not exist.`);
  let list: string;
  try {
    list = await runPgTool(pgRestore, ['--list', file], url);
  } catch (error) {
    throw new BackupError(`${file} is not a readable pg_dump archive: ${(error as Error).message}`);
  }
  const missing = REQUIRED.filter((re) => !re.test(list));
  if (missing.length) throw new BackupError(`${file} is not a Fenghuo database archive (it lacks the audit log or the migration history).`);
  return list;
}

/** Writes a consistent custom-format dump of the database `url` to `target` (a temporary name, then renamed). */
export async function backupPg(url: string, target: string): Promise<{ file: string; bytes: number }> {
  const db = openDatabase(url);
  let tools: { dump: string; restore: string };
  try {
    tools = await toolsFor(db);
  } finally {
    await closeDatabase(db);
  }
  const tmp = `${target}.partial-${process.pid}`;
  fs.rmSync(tmp, { force: true });
  try {
    await runPgTool(tools.dump, ['--format=custom', `--file=${tmp}`], url);
    await listArchive(tools.restore, tmp, url);
    fsyncPath(tmp);
    fs.renameSync(tmp, target);
    fsyncPath(path.dirname(target));
  } finally {
    fs.rmSync(tmp, { force: true });
  }
  return { file: target, bytes: fs.statSync(target).size };
}
