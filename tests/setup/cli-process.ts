import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Db } from '@/db/client';
import { closeDatabase, openDatabase } from '@/db/client';
import type { Actor } from '@/domain/auth/actor';
import { submitUnits } from '@/features/units/submit-units';
import { parseEnv } from '@/server/env';
import { bootstrap } from '@/server/startup/bootstrap';

// The command line as a person runs it: a separate process on a real database (a file, or PostgreSQL's).

const run = promisify(execFile);
const tsx = path.resolve('node_modules/.bin/tsx');

export interface CliAnswer {
  code: number;
  stdout: string;
  stderr: string;
}

/** The environment that names `location` (a SQLite file or a postgres:// URL) as the CLI's database. */
function envOn(location: string): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.FENGHUO_DB;
  delete env.FENGHUO_DATABASE_URL;
  return /^postgres(ql)?:\/\//.test(location) ? { ...env, FENGHUO_DATABASE_URL: location } : { ...env, FENGHUO_DB: location };
}

/**
 * `npm run cli -- …` on the database at `location` (a SQLite file, or in the pg project a database URL): its
 * exit code and output (a failing command answers, never throws).
 */
export function cliOn(location: string): (...args: string[]) => Promise<CliAnswer> {
  return (...args) =>
    run(tsx, ['cli/index.ts', ...args], { env: envOn(location), cwd: process.cwd() }).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );
}

/** A fresh installation at `location` as `npm start` makes it without the demo: the academy and one administrator, root. */
export async function bootstrapRootDb(location: string): Promise<void> {
  const db = openDatabase(location);
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
