import fs from 'node:fs';
import path from 'node:path';
import { MULTI, type Engine } from './config';

// What the global setup hands the spec, and what the teardown must stop: kept in a file because Playwright
// runs the setup and the tests in different processes. Every process that starts a server records its pid
// here, so that the teardown ends exactly the processes this run started.

export interface MultiState {
  engine: Engine;
  /** The variables that point a server or a command at the run's database (FENGHUO_DB or FENGHUO_DATABASE_URL). */
  dbEnv: Record<string, string>;
  /** Pids of the processes this run started, by name (a, b, nginx). */
  pids: Record<string, number>;
  /** When the global setup started, ms. */
  startedAt: number;
}

const file = () => path.join(MULTI.dir, 'state.json');

export function readState(): MultiState {
  return JSON.parse(fs.readFileSync(file(), 'utf8')) as MultiState;
}

export function writeState(state: MultiState): void {
  fs.mkdirSync(MULTI.dir, { recursive: true });
  fs.writeFileSync(file(), JSON.stringify(state, null, 2));
}

export function recordPid(name: string, pid: number | null): void {
  const state = readState();
  if (pid === null) delete state.pids[name];
  else state.pids[name] = pid;
  writeState(state);
}
