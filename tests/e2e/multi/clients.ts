import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, type Page } from '@playwright/test';
import { DEMO_PASSWORD } from '../config';
import { runEnv } from './servers';

// How the multi-server spec acts: as a person in the browser on a chosen server, as an API client, and as
// the command line run on a server's machine (against the same database).

/** Signs in through the login page of the server at `base`. The session cookie then serves every port of 127.0.0.1. */
export async function logInAt(page: Page, base: string, login: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${base}/login`);
  await page.getByLabel('账号').fill(login);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByTestId('current-user')).toBeVisible();
}

/** `npm run cli -- …` on the run's database, in one node process: its standard output. */
export function cli(...args: string[]): string {
  return execFileSync(process.execPath, ['--import', 'tsx', 'cli/index.ts', ...args], {
    env: runEnv(),
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

const execFileAsync = promisify(execFile);

/** The same, without waiting: for commands that must run at once. Answers the exit code and output. */
export function cliAsync(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return execFileAsync(process.execPath, ['--import', 'tsx', 'cli/index.ts', ...args], { env: runEnv() }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}

export interface IncidentItem {
  externalId: string;
  unitCode: string;
  domain: string;
  dimension: string;
  tier: number;
  occurredAt: string;
  summary: string;
}

/** POST /api/v1/incidents on the server at `base`. */
export function postIncidents(base: string, token: string, items: IncidentItem[]): Promise<Response> {
  return fetch(`${base}/api/v1/incidents`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(items),
  });
}

/** The lines of a streamed import answer (application/x-ndjson): the last one holds the report. */
export function lastLine<T>(text: string): T {
  const lines = text.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]!) as T;
}
