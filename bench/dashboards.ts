// Benchmark of issue 5: the overview and the institutes × domains heatmap at 2,000 institutes and 4 M
// records. Two parts, in one run:
//   1. each aggregate the two pages read, computed by the product (cold, no memo) beside the same aggregate
//      as one bare SQLite statement (target: product within 1.5× of raw);
//   2. the production server (`npm start`: Next behind the page cache) answering each page under 50
//      concurrent connections with autocannon, as browsers ask (gzip), for two audiences: 50 office staff
//      (one role and unit, so they share each rendering) and reporters of 50 different institutes (who
//      share nothing) (target: p95 under 200 ms).
// `npm run bench -- dashboards`. The database is built once per month and kept in .tmp/bench.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import { closeDatabase, openDatabase, type Db } from '@/db/client';
import { rawAll, rawGet } from '@/db/engine';
import { migrateDatabase } from '@/db/migrate';
import { ensureReferenceData } from '@/db/reference/reference';
import { ALL_UNITS } from '@/domain/auth/actor';
import { createUser } from '@/features/auth/users';
import { logIn } from '@/features/auth/login';
import { SESSION_COOKIE } from '@/domain/auth/session-policy';
import { refreshProvisionalRatings } from '@/features/rating/refresh';
import { clearMemo } from '@/features/dashboards/memo';
import { instituteDomainHeatmap } from '@/features/dashboards/institute-heatmap';
import { shanghaiDate, shanghaiYear, yearStart } from '@/domain/time/shanghai';
import { aggregatePairs } from './dashboards-pairs';
import { buildDataset } from './dataset';
import { median, percentile, time } from './measure';
import { benchLocation, engineName, locationEnv, onPg } from './bench-db';
import { openRawDb, type RawDb } from './raw-db';
import { report, type Figure } from './report';

const INSTITUTES = Number(process.env.BENCH_INSTITUTES ?? 2000);
const INCIDENTS = Number(process.env.BENCH_INCIDENTS ?? 1_000_000);
const HAZARDS = Number(process.env.BENCH_HAZARDS ?? 3_000_000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const PORT = Number(process.env.BENCH_PORT ?? 3600);
const now = new Date();
const year = shanghaiYear(now);
const month = now.toISOString().slice(0, 7);
const location = benchLocation(`dashboards-${INSTITUTES}-${INCIDENTS + HAZARDS}-${month}`);
/** The headline figures, reported at the end (bench/report.ts). */
const figures: Figure[] = [];

async function serverUp(port: number, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return;
    } catch {
      // not yet listening
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error('the server did not start within 10 minutes');
}

/**
 * The server catches up its scheduled jobs at start (ratings, alerts, the missed bulletin), which at this
 * scale takes a while; the pages are measured once no job is running.
 */
async function startJobsSettled(): Promise<void> {
  const t0 = performance.now();
  const db = openDatabase(location);
  try {
    let quiet = 0;
    while (quiet < 5) {
      const running = (await rawGet<{ n: number }>(db, sql`SELECT count(*) AS n FROM job_runs WHERE status = 'running'`))!.n;
      quiet = running === 0 ? quiet + 1 : 0;
      await new Promise((r) => setTimeout(r, 1000));
      if (performance.now() - t0 > 15 * 60_000) throw new Error('start-up jobs still running after 15 minutes');
    }
  } finally {
    await closeDatabase(db);
  }
  console.log(`  start-up jobs settled after ${((performance.now() - t0) / 1000).toFixed(0)} s`);
}

/** Autocannon at `url`, its connections signed in with `cookies` in turn, asking as a browser does. */
async function load(
  url: string,
  cookies: string[],
): Promise<{ p50: number; p95: number; p99: number; rps: number; errors: number; non2xx: number; n: number }> {
  const latencies: number[] = [];
  let next = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections: CONNECTIONS,
        duration: SECONDS,
        setupClient: (client) =>
          client.setHeaders({ cookie: cookies[next++ % cookies.length]!, accept: 'text/html', 'accept-encoding': 'gzip' }),
      },
      (error, r) => (error ? reject(error) : resolve(r)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
  return {
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    rps: result.requests.average,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    n: latencies.length,
  };
}

/** `n` people signed in through the product's own functions: their session cookies. */
async function signIn(db: Db, n: number, role: 'office' | 'reporter', units: string[]): Promise<string[]> {
  const stamp = Date.now().toString(36);
  const cookies: string[] = [];
  for (let i = 0; i < n; i++) {
    const login = `bench.${role}.${stamp}.${i}`;
    await createUser(db, { login, password: 'bench-password-1', role, unitCode: units[i % units.length]! });
    const session = await logIn(db, { login, password: 'bench-password-1', ip: `10.0.${Math.floor(i / 250)}.${i % 250}` });
    if (!session.ok) throw new Error(`could not sign ${login} in`);
    cookies.push(`${SESSION_COOKIE}=${session.sessionToken}`);
  }
  return cookies;
}

/** The bench database: built on the first run of the month, with both years' ratings stored. */
async function prepareDatabase(db: Db, raw: RawDb, fresh: boolean): Promise<void> {
  if (fresh) {
    console.log(
      `Building the ${engineName} database: ${INSTITUTES} institutes, ${INCIDENTS} incidents, ${HAZARDS} hazards over ten years to today…`,
    );
    const built = await time(() =>
      buildDataset(raw, {
        institutes: INSTITUTES,
        incidents: INCIDENTS,
        hazards: HAZARDS,
        from: yearStart(year - 9),
        until: shanghaiDate(year, Number(month.slice(5)), 1),
        projectsPerInstitute: 3,
      }),
    );
    console.log(`  built in ${(built.ms / 1000).toFixed(1)} s${onPg ? '' : ' (kept for later runs this month)'}`);
  }
  // What the daily job does at midnight and at start (decision 045): the final ratings of every past year
  // with records and none stored (on a database built just now, all ten years), this year's provisional ones.
  const r = await time(() => refreshProvisionalRatings(db, now));
  const years = (await rawGet<{ n: number }>(db, sql`SELECT count(DISTINCT year) AS n FROM ratings`))!.n;
  if (r.ms > 100) console.log(`  stored the ratings of ${years} years (to ${year}) in ${(r.ms / 1000).toFixed(1)} s`);
}

/** Part 1: each aggregate, product beside raw, then the whole heatmap cold. */
async function compareAggregates(db: Db, raw: RawDb): Promise<void> {
  console.log(`\n1. Aggregates, product (cold) beside the same aggregate in bare ${engineName}; median of 5, alternating:`);
  for (const p of aggregatePairs(db, raw, year, now)) await p.raw();
  let worst = 0;
  for (const p of aggregatePairs(db, raw, year, now)) {
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < 5; i++) {
      b.push((await time(p.raw)).ms);
      a.push((await time(p.product)).ms);
    }
    const ratio = median(a) / Math.max(median(b), 0.01);
    worst = Math.max(worst, ratio);
    console.log(
      `  ${p.name.padEnd(54)} product ${median(a).toFixed(1).padStart(7)} ms   raw ${median(b).toFixed(1).padStart(7)} ms   ratio ${ratio.toFixed(2)}`,
    );
  }
  console.log(`  worst ratio ${worst.toFixed(2)} (target: at most 1.5)`);
  figures.push({ figure: 'dashboard aggregates, worst product / raw', value: worst, unit: '×', goal: { max: 1.5 } });
  const cold: number[] = [];
  for (let i = 0; i < 3; i++) {
    clearMemo();
    cold.push((await time(() => instituteDomainHeatmap(db, ALL_UNITS, { year, mode: 'points', kind: 'incidents' }, now))).ms);
  }
  console.log(`  whole institutes × domains heatmap, cold (every aggregate above it needs, shaped): median ${median(cold).toFixed(0)} ms`);
}

/**
 * Who looks: the office's coordination group (50 people of one role and unit, who share each rendering:
 * the page cache, decision 021), and reporters of 50 different institutes (who share nothing).
 */
async function audiences(db: Db): Promise<{ name: string; short: string; cookies: string[] }[]> {
  const office = await signIn(db, CONNECTIONS, 'office', ['ACADEMY']);
  const instituteCodes = (
    await rawAll<{ code: string }>(db, sql`SELECT code FROM units WHERE kind = 'institute' ORDER BY code LIMIT ${CONNECTIONS}`)
  ).map((r) => r.code);
  const reporters = await signIn(db, CONNECTIONS, 'reporter', instituteCodes);
  return [
    { name: `${CONNECTIONS} office staff`, short: 'office', cookies: office },
    { name: `${CONNECTIONS} institutes' reporters`, short: 'reporters', cookies: reporters },
  ];
}

/** Part 2: the production server answering each page to each audience. */
async function measurePages(audiences: { name: string; short: string; cookies: string[] }[]): Promise<void> {
  console.log(
    `\n2. Pages rendered by the production server, ${CONNECTIONS} connections for ${SECONDS} s each (npm start; builds if needed)…`,
  );
  const server = spawn('npm', ['start'], {
    // No nightly backup at start (a copy of the whole bench database would compete with the load).
    env: {
      ...process.env,
      ...locationEnv(location),
      PORT: String(PORT),
      FENGHUO_SEED_DEMO: 'false',
      FENGHUO_BACKUP_KEEP: '0',
      NEXT_TELEMETRY_DISABLED: '1',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  try {
    await serverUp(PORT, server);
    await startJobsSettled();
    const pages: [string, string][] = [
      ['/', 'overview'],
      [`/heatmaps?year=${year}`, 'heatmap, points'],
      [`/heatmaps?year=${year}&mode=counts&kind=hazards`, 'heatmap, hazard counts'],
    ];
    for (const [page, label] of pages) await measurePage(page, label, audiences);
  } finally {
    process.kill(-server.pid!, 'SIGTERM');
  }
}

/** One page: its first rendering (its aggregates computed cold, as the first viewer after a change waits), then each audience's load. */
async function measurePage(page: string, label: string, audiences: { name: string; short: string; cookies: string[] }[]): Promise<void> {
  const url = `http://127.0.0.1:${PORT}${page}`;
  const t0 = performance.now();
  const res = await fetch(url, { headers: { cookie: audiences[0]!.cookies[0]!, 'accept-encoding': 'gzip' } });
  const body = await res.text();
  const first = performance.now() - t0;
  if (!res.ok || body.includes('/login')) throw new Error(`${page}: HTTP ${res.status}; not logged in?`);
  console.log(`  ${page}: first rendering ${first.toFixed(0)} ms`);
  for (const audience of audiences) {
    const r = await load(url, audience.cookies);
    figures.push({ figure: `${label} p95, ${audience.short}`, value: r.p95, unit: 'ms', goal: { max: 200 } });
    console.log(
      `    ${audience.name.padEnd(26)} p50 ${r.p50.toFixed(0).padStart(5)} ms   p95 ${r.p95.toFixed(0).padStart(5)} ms   p99 ${r.p99.toFixed(0).padStart(5)} ms   ${r.rps.toFixed(0).padStart(4)} req/s   ${r.n} answers, ${r.errors} errors, ${r.non2xx} non-2xx   (target: p95 < 200 ms)`,
    );
  }
}

async function main(): Promise<void> {
  const fresh = onPg || !fs.existsSync(location);
  const db = openDatabase(location);
  await migrateDatabase(db);
  await ensureReferenceData(db);
  const raw = await openRawDb(location);
  await prepareDatabase(db, raw, fresh);
  await compareAggregates(db, raw);
  const who = await audiences(db);
  await raw.close();
  await closeDatabase(db);
  if (process.env.BENCH_SERVER !== '0') await measurePages(who);
  report('dashboards', figures);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
