import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { adminQuery, databaseUrl, quoteIdent } from './pg-admin';

// The `pg` vitest project's global setup (issue 16, decision 046): a real PostgreSQL server for the run, never a mock
// or a container. With FENGHUO_TEST_DATABASE_URL (any database on a server where that role may create
// databases) it uses that server; else it starts a throwaway cluster from Debian's `postgresql` binaries in a
// temporary folder, on a free port on 127.0.0.1, and removes it at the end. Either way it builds a migrated
// template database with the reference data; each test database is a copy of it (tests/setup/test-db.ts).

declare module 'vitest' {
  export interface ProvidedContext {
    /** A URL of the server's maintenance database: where test databases are created and dropped. */
    pgServer: string;
    /** The migrated template every test database is copied from. */
    pgTemplate: string;
  }
}

const ROLE = 'fenghuo';

/** The highest installed PostgreSQL's binaries (not a bare `initdb`: another may be on PATH). */
function pgBin(): string {
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb'))) : [];
  const highest = versions.sort((a, b) => Number(a) - Number(b)).pop();
  if (!highest) {
    throw new Error(
      'PostgreSQL is not installed: `apt-get install -y postgresql`, or set FENGHUO_TEST_DATABASE_URL to a server of your own',
    );
  }
  return path.join(root, highest, 'bin');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Runs a PostgreSQL tool as the cluster's owner: `postgres` when we are root (initdb refuses root), else us. */
function asOwner(command: string, args: string[]): void {
  const asRoot = process.getuid?.() === 0;
  const quoted = [command, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const result = asRoot
    ? spawnSync('su', ['postgres', '-s', '/bin/sh', '-c', quoted], { encoding: 'utf8' })
    : spawnSync(command, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${path.basename(command)} failed (${result.status}):\n${result.stdout}${result.stderr}`);
}

export interface Cluster {
  url: string;
  stop: () => void;
}

/**
 * initdb and pg_ctl start, as STACK.md shows. The settings trade durability for speed, which a cluster
 * thrown away after the run does not need (fsync, full-page writes); connections are raised for the
 * workers' pools. `durable` keeps PostgreSQL's defaults (fsync, synchronous commit): the benchmarks compare
 * it with SQLite at synchronous=FULL, so neither side may skip its flushes.
 */
export async function startCluster(opts: { durable?: boolean } = {}): Promise<Cluster> {
  const bin = pgBin();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fenghuo-pg-'));
  const data = path.join(dir, 'data');
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    fs.chownSync(dir, uid, -1);
  }
  const remove = () => fs.rmSync(dir, { recursive: true, force: true });
  try {
    asOwner(path.join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
    const port = await freePort();
    const fast = opts.durable ? '' : ' -c fsync=off -c full_page_writes=off -c synchronous_commit=off';
    const settings = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1${fast} -c max_connections=400`;
    asOwner(path.join(bin, 'pg_ctl'), ['-D', data, '-l', path.join(dir, 'log'), '-o', settings, '-w', 'start']);
    let stopped = false;
    const stop = () => {
      if (stopped) return;
      stopped = true;
      asOwner(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop']);
      remove();
    };
    // Also when vitest ends without running the teardown (an interrupted run): no server outlives it.
    process.once('exit', stop);
    try {
      const postgres = `postgres://postgres@127.0.0.1:${port}/postgres`;
      await adminQuery(postgres, `CREATE ROLE ${ROLE} LOGIN SUPERUSER`);
      return { url: `postgres://${ROLE}@127.0.0.1:${port}/postgres`, stop };
    } catch (error) {
      stop();
      throw error;
    }
  } catch (error) {
    remove();
    throw error;
  }
}

/** Creates the template and migrates it, with the reference data, in a process of its own. */
function buildTemplate(server: string, name: string): void {
  // A child process: db/schema binds the pg twins by the environment of the process it is first imported
  // in, and this one (vitest's) also runs the SQLite project, whose workers inherit its environment.
  const env: NodeJS.ProcessEnv = { ...process.env, FENGHUO_DATABASE_URL: databaseUrl(server, name) };
  delete env.FENGHUO_DB;
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join('tests', 'setup', 'pg-template.ts')], {
    env,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`migrating the pg template failed:\n${result.stdout}${result.stderr}`);
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = Date.now();
  const given = process.env.FENGHUO_TEST_DATABASE_URL;
  const cluster: Cluster = given ? { url: given, stop: () => undefined } : await startCluster();
  const clusterMs = Date.now() - started;
  // On a server of the caller's, a name of this run's own (another run may share the server).
  const template = given ? `fenghuo_template_${process.pid}` : 'fenghuo_template';
  try {
    await adminQuery(cluster.url, `DROP DATABASE IF EXISTS ${quoteIdent(template)} WITH (FORCE)`);
    await adminQuery(
      cluster.url,
      `CREATE DATABASE ${quoteIdent(template)} ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8' TEMPLATE template0`,
    );
    buildTemplate(cluster.url, template);
  } catch (error) {
    cluster.stop();
    throw error;
  }
  console.log(
    `[pg] ${given ? 'server of FENGHUO_TEST_DATABASE_URL' : 'throwaway cluster'} ready in ${clusterMs} ms, ` +
      `template migrated in ${Date.now() - started - clusterMs} ms`,
  );
  project.provide('pgServer', cluster.url);
  project.provide('pgTemplate', template);
  return async () => {
    if (given) await adminQuery(cluster.url, `DROP DATABASE IF EXISTS ${quoteIdent(template)} WITH (FORCE)`);
    cluster.stop();
  };
}
