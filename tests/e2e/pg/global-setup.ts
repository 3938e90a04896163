import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { adminQuery, createEmptyDatabase, quoteIdent } from '../../setup/pg-admin';
import { startCluster, type Cluster } from '../../setup/pg-cluster';
import { envFor } from '../../../bench/server-process';
import { E2E_PG_PORT, E2E_PG_SERVER_VAR, E2E_PG_URL_VAR } from '../config';

// The PostgreSQL run's setup (playwright.pg.config.ts). Playwright starts a config's webServer before its
// global setup, and the server needs the database this setup makes, so the setup starts the server itself:
// a database with the byte-order collation on a throwaway cluster (tests/setup/pg-cluster.ts, as the `pg`
// vitest project and the multi-server run start theirs) or on FENGHUO_TEST_DATABASE_URL's server; then
// `npm start` on it, exactly as the README says (migrates, seeds the demo academy, serves the build that
// `npm run test:e2e` made). Answers the teardown, which stops that server and the cluster.

const dir = path.resolve('.tmp/e2e-pg');
const logFile = path.join(dir, 'server.log');

/** `npm start` in a process group of its own (npm, the start script and the server), its output in the log. */
function npmStart(url: string): number {
  const out = fs.openSync(logFile, 'a');
  const child = spawn('npm', ['start'], {
    env: { ...envFor(url), PORT: String(E2E_PG_PORT), FENGHUO_SEED_DEMO: 'true', NEXT_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', out, out],
    detached: true,
  });
  fs.closeSync(out);
  child.unref();
  return child.pid!;
}

async function waitForHealth(pid: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await fetch(`http://localhost:${E2E_PG_PORT}/api/health`).catch(() => null);
    if (res?.ok) return;
    let alive = true;
    try {
      process.kill(pid, 0);
    } catch {
      alive = false;
    }
    if (!alive || Date.now() > deadline)
      throw new Error(`npm start on PostgreSQL did not answer:\n${fs.readFileSync(logFile, 'utf8').slice(-5000)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Proof that the server runs on PostgreSQL: it says so, and the demo it seeded is in the PostgreSQL database. */
async function assertOnPostgres(url: string): Promise<string> {
  const said = /\[fenghuo\] Database: (\S+)/.exec(fs.readFileSync(logFile, 'utf8'))?.[1] ?? '(nothing)';
  if (!said.startsWith('postgres')) throw new Error(`npm start did not name the PostgreSQL database: ${said}`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ users: string; incidents: string }>(
      'SELECT (SELECT count(*) FROM users) AS users, (SELECT count(*) FROM incidents) AS incidents',
    );
    const { users, incidents } = rows[0]!;
    if (Number(users) === 0 || Number(incidents) === 0)
      throw new Error(`the PostgreSQL database holds no demo: ${JSON.stringify(rows[0])}`);
    return `${said}: ${users} users, ${incidents} incidents`;
  } finally {
    await client.end();
  }
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  const started = Date.now();
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const given = process.env.FENGHUO_TEST_DATABASE_URL;
  const cluster: Cluster = given ? { url: given, stop: () => undefined } : await startCluster();
  // On a server of the caller's, a name of this run's own.
  const name = given ? `fenghuo_e2e_${process.pid}` : 'fenghuo_e2e';
  let pid: number | undefined;
  const teardown = async () => {
    if (pid !== undefined) await stopGroup(pid);
    if (given) await adminQuery(cluster.url, `DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`).catch(() => undefined);
    cluster.stop();
  };
  try {
    // A server left on the port (an interrupted run) would answer the health check below for the new one,
    // which could not bind, and the run would test that server's database.
    if (await fetch(`http://localhost:${E2E_PG_PORT}/api/health`, { signal: AbortSignal.timeout(2000) }).catch(() => null))
      throw new Error(`port ${E2E_PG_PORT} already answers: stop the server on it (an earlier run's?) and start again`);
    const url = await createEmptyDatabase(cluster.url, name);
    const clusterReady = Date.now();
    pid = npmStart(url);
    await waitForHealth(pid, 240_000);
    const proof = await assertOnPostgres(url);
    process.env[E2E_PG_URL_VAR] = url;
    process.env[E2E_PG_SERVER_VAR] = cluster.url;
    console.log(
      `[e2e-pg] cluster ready in ${((clusterReady - started) / 1000).toFixed(1)} s; npm start migrated, seeded and answered in ` +
        `${((Date.now() - clusterReady) / 1000).toFixed(1)} s on ${proof}`,
    );
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
}

/** SIGTERM to the process group `npm start` leads (only processes this setup started), then waits; SIGKILL after 15 s. */
async function stopGroup(pid: number): Promise<void> {
  const signal = (s: NodeJS.Signals | 0) => {
    try {
      process.kill(-pid, s);
      return true;
    } catch {
      return false;
    }
  };
  if (!signal('SIGTERM')) return;
  const deadline = Date.now() + 15_000;
  // Signal 0 only asks whether any process of the group is left.
  while (signal(0)) {
    if (Date.now() > deadline) signal('SIGKILL');
    await new Promise((r) => setTimeout(r, 100));
  }
}
