// `npm run bench`: every benchmark in turn (never part of `npm test`), each on both engines where the issue
// asks it (issue 16): first on SQLite, then on PostgreSQL, each in a process of its own, each beside its raw
// engine's figure; at the end, the headline figures of both engines side by side with their goals.
//   npm run bench -- rating            one benchmark (both engines)
//   BENCH_ENGINES=sqlite|pg            one engine only (default: both)
//   FENGHUO_DATABASE_URL=postgres://…  the PostgreSQL server to measure (a role that may create databases; each
//                                      benchmark gets a database `fenghuo_bench_<name>` there, dropped after);
//                                      without it, a throwaway cluster with PostgreSQL's durable defaults
//                                      (tests/setup/pg-cluster.ts), stopped at the end.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { adminQuery, databaseUrl, quoteIdent } from '../tests/setup/pg-admin';
import { startCluster, type Cluster } from '../tests/setup/pg-cluster';
import { meets, type Reported } from './report';

/** The benchmarks measured on both engines: the issue's list (rating, import, API ingest, dashboards and their pages), and the big writes. */
const BOTH = ['rating', 'import', 'ingest', 'dashboards', 'big-writes'];
/**
 * SQLite's own: `engine` compares SQLite data layers (the synchronous drizzle the async engine replaced);
 * `load` compares with SQLite's commit rate; `pages`, `jobs` and `ratings-first-view` measure issue 13's and
 * 15's SQLite-era questions (one institute's flood, reads that never rate) and build their data with SQLite.
 */
const SQLITE_ONLY = ['load', 'pages', 'jobs', 'engine', 'ratings-first-view'];
const all = [...BOTH, ...SQLITE_ONLY];

const wanted = process.argv.slice(2).length ? process.argv.slice(2) : all;
for (const name of wanted) if (!all.includes(name)) throw new Error(`unknown benchmark ${name}; known: ${all.join(', ')}`);
const engines = (process.env.BENCH_ENGINES ?? 'sqlite,pg').split(',').map((e) => e.trim());
const given = process.env.FENGHUO_DATABASE_URL;
const reportFile = path.resolve('.tmp/bench', `report-${process.pid}.jsonl`);
fs.mkdirSync(path.dirname(reportFile), { recursive: true });

/** Runs bench/<name>.ts with `env` added and FENGHUO_DATABASE_URL / FENGHUO_DB as given. */
function run(name: string, env: Record<string, string | undefined>): void {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, BENCH_REPORT: reportFile, ...env };
  for (const [k, v] of Object.entries(childEnv)) if (v === undefined) delete childEnv[k];
  execFileSync(path.resolve('node_modules/.bin/tsx'), [`bench/${name}.ts`], { stdio: 'inherit', env: childEnv });
}

let cluster: Cluster | undefined;
// Interrupted (Ctrl-C), the cluster the bench started must not outlive it: pg_ctl detaches the server.
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    cluster?.stop();
    process.exit(130);
  });

async function main(): Promise<void> {
  try {
    for (const name of wanted) {
      if (engines.includes('sqlite')) {
        console.log(`\n== bench/${name}.ts on SQLite ==`);
        run(name, { FENGHUO_DATABASE_URL: undefined });
      }
      if (!engines.includes('pg') || !BOTH.includes(name)) continue;
      if (!given && !cluster) {
        cluster = await startCluster({ durable: true });
        console.log(`\n(a throwaway PostgreSQL cluster with durable settings: ${cluster.url})`);
      }
      const server = given ?? cluster!.url;
      const database = `fenghuo_bench_${name.replace(/-/g, '_')}`;
      await adminQuery(server, `DROP DATABASE IF EXISTS ${quoteIdent(database)} WITH (FORCE)`);
      await adminQuery(
        server,
        `CREATE DATABASE ${quoteIdent(database)} ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8' TEMPLATE template0`,
      );
      console.log(`\n== bench/${name}.ts on PostgreSQL ==`);
      try {
        run(name, { FENGHUO_DATABASE_URL: databaseUrl(server, database), FENGHUO_DB: undefined });
      } finally {
        await adminQuery(server, `DROP DATABASE IF EXISTS ${quoteIdent(database)} WITH (FORCE)`);
      }
    }
  } finally {
    cluster?.stop();
  }
  printSummary();
}

/** Each headline figure on each engine, with its goal (✓ met, ✗ missed). */
function printSummary(): void {
  if (!fs.existsSync(reportFile)) return;
  const rows = fs
    .readFileSync(reportFile, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Reported);
  fs.rmSync(reportFile);
  const keys = [...new Set(rows.map((r) => `${r.bench}\u0000${r.figure}`))];
  const cell = (r: Reported | undefined) => {
    if (!r) return '—'.padStart(30);
    const digits = r.unit === '×' ? 2 : r.unit === 's' ? 1 : 0;
    const v = `${r.value.toFixed(digits)}${r.unit === '×' ? '×' : ` ${r.unit}`}`;
    const raw = r.raw === undefined ? '' : ` (raw ${r.raw.toFixed(digits)})`;
    const mark = r.goal ? (meets(r.value, r.goal) ? ' ✓' : ' ✗') : '';
    return ` ${v}${raw}${mark}`.padStart(30);
  };
  console.log(`\n== Summary: headline figures on both engines (✓ goal met, ✗ missed) ==`);
  console.log(`${'benchmark: figure'.padEnd(58)}${'SQLite'.padStart(30)}${'PostgreSQL'.padStart(30)}   goal`);
  for (const key of keys) {
    const [bench, figure] = key.split('\u0000') as [string, string];
    const of = (engine: string) => rows.find((r) => r.bench === bench && r.figure === figure && r.engine === engine);
    const any = of('SQLite') ?? of('PostgreSQL')!;
    const goal = any.goal
      ? [any.goal.max !== undefined ? `≤ ${any.goal.max}` : '', any.goal.min !== undefined ? `≥ ${any.goal.min}` : ''].join('')
      : '';
    console.log(`${`${bench}: ${figure}`.padEnd(58)}${cell(of('SQLite'))}${cell(of('PostgreSQL'))}   ${goal}`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
