// Which engine a benchmark process measures, and where its database is. bench/index.ts runs each benchmark
// once per engine, in a process of its own (db/schema binds the engine's tables by the environment of the
// process it is first imported in): on SQLite with FENGHUO_DATABASE_URL unset, on PostgreSQL with it naming a
// database bench/index.ts created for that benchmark on the bench's server.
import fs from 'node:fs';
import path from 'node:path';

const url = process.env.FENGHUO_DATABASE_URL;
/** Whether this process measures PostgreSQL. */
export const onPg = Boolean(url);

/** The engine's name as the benchmarks print it. */
export const engineName = onPg ? 'PostgreSQL' : 'SQLite';

/**
 * This benchmark's database: `.tmp/bench/<name>.db` on SQLite (kept between runs where the benchmark says
 * so), the database bench/index.ts made for it on PostgreSQL (new in every run).
 */
export function benchLocation(name: string): string {
  // A benchmark writes and drops data freely: on PostgreSQL only in a database bench/index.ts made for it,
  // never in one a developer's FENGHUO_DATABASE_URL names (run one benchmark as `npm run bench -- rating`).
  // Checked here, not on import: bench/index.ts itself runs with the server's URL.
  if (url && !new URL(url).pathname.startsWith('/fenghuo_bench_'))
    throw new Error(
      `benchmarks write only to databases named fenghuo_bench_*: run them through npm run bench, not on ${new URL(url).pathname.slice(1)}`,
    );
  if (url) return url;
  const file = path.resolve('.tmp/bench', `${name}.db`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  return file;
}

/** Removes a SQLite benchmark's file and its WAL (on PostgreSQL bench/index.ts drops the database). */
export function removeBenchDb(location: string): void {
  if (onPg) return;
  for (const f of [location, `${location}-wal`, `${location}-shm`]) fs.rmSync(f, { force: true });
}

/** The environment naming `location` to the product (a server, the CLI, parseEnv). */
export function locationEnv(location: string): Record<string, string> {
  return location.startsWith('postgres') ? { FENGHUO_DATABASE_URL: location } : { FENGHUO_DB: location };
}
