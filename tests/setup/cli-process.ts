import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Db } from '@/db/client';
import { closeDatabase, openDatabase } from '@/db/client';
import { isPostgresUrl } from '@/db/config';
import type { Actor } from '@/domain/auth/actor';
import { submitUnits } from '@/features/units/submit-units';
import { parseEnv } from '@/server/env';
import { bootstrap } from '@/server/startup/bootstrap';

// The command line as a person runs it: a separate process on a real database file.

const run = promisify(execFile);
const tsx = path.resolve('node_modules/.bin/tsx');

export interface CliAnswer {
  code: number;
  stdout: string;
  stderr: string;
}

/** `npm run cli -- …` on the database `file`: its exit code and output (a failing command answers, never throws). */
export function cliOn(file: string): (...args: string[]) => Promise<CliAnswer> {
  return (...args) =>
    run(tsx, ['cli/index.ts', ...args], { env: { ...process.env, ...databaseEnv(file) }, cwd: process.cwd() }).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );
}

/** The variables that name `file` (a SQLite file or a postgres:// URL) as the only database of a child process. */
function databaseEnv(file: string): Record<string, string> {
  return isPostgresUrl(file) ? { FENGHUO_DATABASE_URL: file, FENGHUO_DB: '' } : { FENGHUO_DB: file, FENGHUO_DATABASE_URL: '' };
}

/** A fresh installation on `file` as `npm start` makes it without the demo: the academy and one administrator, root. */
export async function bootstrapRootDb(file: string): Promise<void> {
  const db = openDatabase(file);
  await bootstrap(db, parseEnv({ FENGHUO_SEED_DEMO: 'false', FENGHUO_ADMIN_LOGIN: 'root', FENGHUO_ADMIN_PASSWORD: 'a-long-admin-secret' }));
  await closeDatabase(db);
}

/** Branch B1 under the academy and its institute I1, filed by `actor`. */
export async function addBranchB1(db: Db, actor: Actor): Promise<void> {
  await submitUnits(
    db,
    actor,
    [
      { code: 'B1', name: '分院', kind: 'branch', parentCode: 'ACADEMY' },
      { code: 'I1', name: '所', kind: 'institute', parentCode: 'B1' },
    ],
    new Date(),
  );
}
