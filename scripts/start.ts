// `npm start`: check the configuration, build if the sources changed since the last build, migrate and
// seed the database, then serve the production build. Each step says what it does. The whole path:
//   scripts/start.ts -> server/serve.ts (page cache) -> Next -> instrumentation.ts
//     -> server/startup/prepare-server.ts -> jobs
// The database is brought up here, before the server, so that the logins are printed and a failing
// migration stops the start before anything listens; prepare-server's own bootstrap then finds nothing to do.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, parseEnv } from '@/server/env';
import { closeDatabase, openDatabase } from '@/db/client';
import { databaseLocation, isPostgresUrl, printableLocation } from '@/db/config';
import { bootstrap, printBootstrapReport } from '@/server/startup/bootstrap';

const root = process.cwd();
const sourceEntries = [
  'app',
  'components',
  'domain',
  'features',
  'platform',
  'db',
  'jobs',
  // server/startup/prepare-server.ts is reached through instrumentation.ts, so it is part of the build.
  'server',
  'public',
  'instrumentation.ts',
  'proxy.ts',
  'next.config.js',
  'tailwind.config.ts',
  'postcss.config.js',
  'tsconfig.json',
  'package.json',
  'package-lock.json',
];

function newestMtime(entry: string): number {
  const full = path.join(root, entry);
  if (!fs.existsSync(full)) return 0;
  const stat = fs.statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of fs.readdirSync(full)) newest = Math.max(newest, newestMtime(path.join(entry, child)));
  return newest;
}

function buildIsCurrent(): boolean {
  const buildId = path.join(root, '.next', 'BUILD_ID');
  if (!fs.existsSync(buildId)) return false;
  const built = fs.statSync(buildId).mtimeMs;
  return sourceEntries.every((e) => newestMtime(e) <= built);
}

async function main(): Promise<void> {
  let config;
  try {
    config = parseEnv(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`[fenghuo] ${error.message}`);
      process.exit(1);
    }
    throw error;
  }

  if (!buildIsCurrent()) {
    console.log('[fenghuo] Building the application (first start or changed sources)…');
    const build = spawnSync(path.join(root, 'node_modules', '.bin', 'next'), ['build'], { stdio: 'inherit', env: process.env });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }

  const location = databaseLocation(config);
  console.log(`[fenghuo] Database: ${isPostgresUrl(location) ? printableLocation(location) : path.resolve(location)}`);
  const db = openDatabase(location);
  printBootstrapReport(await bootstrap(db, config));
  await closeDatabase(db);

  console.log(`[fenghuo] Serving on http://localhost:${config.PORT}`);
  // Next behind the page cache (server/serve.ts), in one node process of its own: a signal sent to it
  // reaches the server itself.
  const server = spawn(process.execPath, ['--import', 'tsx', path.join('server', 'serve.ts')], {
    stdio: 'inherit',
    env: process.env,
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal));
  server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

void main();
