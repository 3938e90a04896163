import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { MULTI, serverUrl, type ServerName } from './config';
import { readState, recordPid } from './state';

// The two production servers, started as `npm start` starts its server (server/serve.ts, in one node process
// of its own, so that its pid is the server and kill -9 ends it with its job thread). The build comes from
// `next build` earlier in `npm run test:e2e`. Output goes to a log file per server rather than a pipe, so a
// server outlives the process that started it (the global setup, or the test that restarts it) and the
// teardown stops it by the pid recorded in the run's state.

const logFile = (name: ServerName) => path.join(MULTI.dir, `server-${name}.log`);

/** The server's output so far (for failure messages and the jobs' outcomes). */
export function serverLog(name: ServerName): string {
  return fs.existsSync(logFile(name)) ? fs.readFileSync(logFile(name), 'utf8') : '';
}

/** The variables a server or a command of this run gets: the database's, and nothing that names another. */
export function runEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
  delete env.FENGHUO_DB;
  delete env.FENGHUO_DATABASE_URL;
  return { ...env, ...readState().dbEnv, ...extra };
}

export async function startApp(name: ServerName, timeoutMs = 120_000): Promise<number> {
  if (!fs.existsSync(path.resolve('.next', 'BUILD_ID'))) throw new Error('No production build: run `npx next build` first.');
  fs.appendFileSync(logFile(name), `\n--- start ${new Date().toISOString()}\n`);
  const log = fs.openSync(logFile(name), 'a');
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/serve.ts', '--hostname', '127.0.0.1'], {
    // Behind nginx as decision 048 deploys them (requests sent to a port directly carry no forwarded
    // headers, so nothing is believed from them). No nightly backup; no API rate limit (one token sends a
    // 5,000-item batch and many small requests).
    env: runEnv({ PORT: String(MULTI.ports[name]), FENGHUO_TRUST_PROXY: 'true', FENGHUO_BACKUP_KEEP: '0', FENGHUO_API_RATE: '0' }),
    stdio: ['ignore', log, log],
    detached: true,
  });
  fs.closeSync(log);
  child.unref();
  const pid = child.pid!;
  recordPid(name, pid);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!alive(pid)) throw new Error(`server ${name} exited at start:\n${serverLog(name).slice(-5000)}`);
    const res = await fetch(`${serverUrl(name)}/api/health`).catch(() => null);
    if (res?.ok) return pid;
    if (Date.now() > deadline) throw new Error(`server ${name} did not answer within ${timeoutMs} ms:\n${serverLog(name).slice(-5000)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Ends a server this run started (by its recorded pid) and waits until it is gone. */
export async function stopApp(name: string, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  const pid = readState().pids[name];
  if (pid === undefined) return;
  await stopPid(pid, signal);
  recordPid(name, null);
}

/** Sends `signal` to `pid` if it is still one of ours, then waits for it (SIGKILL after 15 s). */
export async function stopPid(pid: number, signal: NodeJS.Signals): Promise<void> {
  if (!ours(pid)) return;
  process.kill(pid, signal);
  const deadline = Date.now() + 15_000;
  while (alive(pid)) {
    if (Date.now() > deadline) process.kill(pid, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 50));
  }
}

function alive(pid: number): boolean {
  try {
    // A zombie (exited, not yet reaped by a parent that went away) counts as gone.
    return !/^State:\s+Z/m.test(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return false;
  }
}

/** Still the process we started (a pid can be reused once ours has ended): a server or nginx of this run. */
function ours(pid: number): boolean {
  if (!alive(pid)) return false;
  const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  return cmd.includes('server/serve.ts') || cmd.includes(MULTI.dir);
}
