// A production server (server/serve.ts, as `npm start` runs it) of our own, on its own database and port, that a test or benchmark can
// kill by pid: the crash-safety and load tests and `npm run bench -- load` use it. Needs `next build` first.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { locationEnv } from './bench-db';

export interface OwnServer {
  url: string;
  pid: number;
  /** Server output so far (for a failure message). */
  log: () => string;
  /** Resident memory of the server process, in MB (Linux /proc). */
  rssMb: () => number;
  /** Kills the process (SIGKILL: no shutdown code runs) and waits until it is gone. */
  kill: (signal?: NodeJS.Signals) => Promise<void>;
}

export function assertBuilt(): void {
  if (!fs.existsSync(path.resolve('.next', 'BUILD_ID'))) throw new Error('No production build: run `npx next build` first.');
}

/** Starts the production server on PORT and `db` (migrated and, unless told otherwise, seeded with the demo at start). */
export async function startServer(opts: {
  port: number;
  db: string;
  env?: Record<string, string>;
  timeoutMs?: number;
  /** false: return at the first healthy answer, while the start-up jobs may still run (default: wait for them). */
  settle?: boolean;
}): Promise<OwnServer> {
  assertBuilt();
  const url = `http://127.0.0.1:${opts.port}`;
  // The production server as `npm start` runs it, in one node process (no npx or tsx wrapper), so that the
  // pid is the server's own process.
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/serve.ts', '--hostname', '127.0.0.1'], {
    env: { ...envFor(opts.db), PORT: String(opts.port), NEXT_TELEMETRY_DISABLED: '1', ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-20_000)));
  child.stderr!.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-20_000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + (opts.timeoutMs ?? 90_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited at start:\n${output}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the server did not answer within ${opts.timeoutMs ?? 90_000} ms:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  // The server catches up its scheduled jobs at start (ratings, alerts, last month's bulletin) in its own
  // event loop; measure nothing until it answers promptly several times in a row.
  for (let prompt = 0; opts.settle !== false && prompt < 5 && Date.now() < deadline;) {
    const t0 = performance.now();
    const res = await fetch(`${url}/api/health`).catch(() => null);
    prompt = res?.ok && performance.now() - t0 < 100 ? prompt + 1 : 0;
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    pid: child.pid!,
    log: () => output,
    rssMb: () => {
      const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
    },
    kill: async (signal = 'SIGKILL') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

/** `npm run cli -- ...` on a database, in one node process (no tsx wrapper), answering stdout. */
export function cli(db: string, ...args: string[]): string {
  return execFileSync(process.execPath, ['--import', 'tsx', 'cli/index.ts', ...args], {
    env: envFor(db),
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** This process's environment naming `location` (a SQLite file or a postgres:// URL) and no other database. */
export function envFor(location: string): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.FENGHUO_DB;
  delete env.FENGHUO_DATABASE_URL;
  return { ...env, ...locationEnv(location) };
}
