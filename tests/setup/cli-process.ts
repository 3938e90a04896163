import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Db } from '@/db/client';
import type { Actor } from '@/domain/auth/actor';
import { submitUnits } from '@/features/units/submit-units';

// The command line as a person runs it: a separate process on a real database file, its exit code and
// both of its streams.

const run = promisify(execFile);
const tsx = path.resolve('node_modules/.bin/tsx');

export interface CliOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** `npm run cli -- ...args` on the database `file`; a failing exit is an outcome, not a throw. */
export function runCli(file: string, ...args: string[]): Promise<CliOutcome> {
  return run(tsx, ['cli/index.ts', ...args], { env: { ...process.env, FENGHUO_DB: file }, cwd: process.cwd() }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}

/** A branch B1 under the academy root and its institute I1: the smallest tree a record can be filed in. */
export function addBranchAndInstitute(db: Db, actor: Actor): void {
  submitUnits(
    db,
    actor,
    [
      { code: 'B1', name: '分院', kind: 'branch', parentCode: 'ACADEMY' },
      { code: 'I1', name: '所', kind: 'institute', parentCode: 'B1' },
    ],
    new Date(),
  );
}
