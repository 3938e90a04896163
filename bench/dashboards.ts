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
import path from 'node:path';
import autocannon from 'autocannon';
import { openDatabase, type Db } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { ensureReferenceData } from '@/db/queries/reference';
import { instituteDomainPoints, monthDomainCounts, unitDomainCounts, unitWorkingDomains } from '@/db/dashboards/heatmaps';
import {
  countRecordsByKind,
  hazardsBySeverity,
  hazardStatus,
  incidentsByDomainAndTier,
  levelDistribution,
  levelRises,
} from '@/db/dashboards/overview';
import { ALL_UNITS } from '@/domain/auth/actor';
import { createUser } from '@/features/auth/users';
import { logIn } from '@/features/auth/login';
import { SESSION_COOKIE } from '@/domain/auth/session-policy';
import { ensureYearRatings } from '@/features/rating/year-ratings';
import { clearMemo } from '@/features/dashboards/memo';
import { instituteDomainHeatmap } from '@/features/dashboards/institute-heatmap';
import { lastMonths, yearWindow } from '@/domain/dashboards/filters';
import { shanghaiDate, shanghaiYear, yearStart } from '@/domain/time/shanghai';
import { buildDataset } from './dataset';

const INSTITUTES = Number(process.env.BENCH_INSTITUTES ?? 2000);
const INCIDENTS = Number(process.env.BENCH_INCIDENTS ?? 1_000_000);
const HAZARDS = Number(process.env.BENCH_HAZARDS ?? 3_000_000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const PORT = Number(process.env.BENCH_PORT ?? 3600);
const now = new Date();
const year = shanghaiYear(now);
const month = now.toISOString().slice(0, 7);
const file = path.resolve(`.tmp/bench/dashboards-${INSTITUTES}-${INCIDENTS + HAZARDS}-${month}.db`);

function time<T>(work: () => T): { ms: number; result: T } {
  const t0 = performance.now();
  const result = work();
  return { ms: performance.now() - t0, result };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]!;

/** Each aggregate: the product's function and one bare statement computing the same numbers. */
function pairs(db: Db) {
  const c = db.$client;
  const w = yearWindow(year, now);
  const m = lastMonths(now, 12);
  const from = w.from.getTime();
  const to = w.to.getTime();
  const rows =
    (s: string, ...p: unknown[]) =>
    () =>
      c
        .prepare(s)
        .raw()
        .all(...p).length;
  return [
    {
      name: 'incidents per unit and domain, year to date',
      product: () => unitDomainCounts(db, ALL_UNITS, 'incidents', w.from, w.to).length,
      raw: rows(
        "SELECT unit_id, domain, count(*) FROM incidents WHERE occurred_at >= ? AND occurred_at < ? AND status <> 'withdrawn' GROUP BY 1, 2",
        from,
        to,
      ),
    },
    {
      name: 'hazards per unit and domain, year to date',
      product: () => unitDomainCounts(db, ALL_UNITS, 'hazards', w.from, w.to).length,
      raw: rows(
        "SELECT unit_id, domain, count(*) FROM hazards WHERE found_at >= ? AND found_at < ? AND status <> 'withdrawn' GROUP BY 1, 2",
        from,
        to,
      ),
    },
    {
      name: 'domains each unit works in',
      product: () => unitWorkingDomains(db, ALL_UNITS, w.from, w.to).length,
      raw: rows(
        "SELECT DISTINCT unit_id, domain FROM projects WHERE status <> 'withdrawn' AND (closed_at IS NULL OR closed_at >= ?) AND coalesce(started_at, created_at) < ?",
        from,
        to,
      ),
    },
    {
      name: 'rating points per institute and domain',
      product: () => instituteDomainPoints(db, ALL_UNITS, year, 'provisional').length,
      raw: rows(
        `SELECT r.institute_id, coalesce(i.domain, h.domain, p.domain), sum(c.points) FROM ratings r JOIN rating_contributions c ON c.rating_id = r.id
         LEFT JOIN incidents i ON c.record_kind = 'incidents' AND i.id = c.record_id LEFT JOIN hazards h ON c.record_kind = 'hazards' AND h.id = c.record_id
         LEFT JOIN projects p ON c.record_kind = 'projects' AND p.id = c.record_id
         WHERE r.year = ? AND r.status = 'provisional' AND coalesce(i.domain, h.domain, p.domain) IS NOT NULL GROUP BY 1, 2`,
        year,
      ),
    },
    {
      name: 'incidents by domain and effective tier, year to date',
      product: () => incidentsByDomainAndTier(db, ALL_UNITS, w.from, w.to).length,
      raw: rows(
        `SELECT domain, CASE WHEN tier <= 1 OR deaths >= 30 OR serious_injuries >= 100 OR direct_loss_cny >= 100000000 THEN 1
           WHEN tier <= 2 OR deaths >= 10 OR serious_injuries >= 50 OR direct_loss_cny >= 50000000 THEN 2
           WHEN tier <= 3 OR deaths >= 3 OR serious_injuries >= 10 OR direct_loss_cny >= 10000000 THEN 3 ELSE 4 END AS t, count(*)
         FROM incidents WHERE occurred_at >= ? AND occurred_at < ? AND status <> 'withdrawn' GROUP BY 1, 2`,
        from,
        to,
      ),
    },
    {
      name: 'hazards by severity, year to date',
      product: () => Object.keys(hazardsBySeverity(db, ALL_UNITS, w.from, w.to)).length,
      raw: rows(
        "SELECT severity, count(*) FROM hazards WHERE found_at >= ? AND found_at < ? AND status <> 'withdrawn' GROUP BY 1",
        from,
        to,
      ),
    },
    {
      name: 'open and overdue hazards',
      product: () => hazardStatus(db, ALL_UNITS, now).open,
      raw: rows(
        "SELECT count(*), sum(due_at < ?), sum(due_at < ? AND severity = 'major') FROM hazards WHERE rectified_at IS NULL AND status = 'open'",
        now.getTime(),
        now.getTime(),
      ),
    },
    {
      name: 'level distribution and rises',
      product: () =>
        Object.keys(levelDistribution(db, ALL_UNITS, year, 'provisional')).length +
        levelRises(db, ALL_UNITS, year, 'provisional', 'final').length,
      raw: () =>
        rows("SELECT level, count(*) FROM ratings WHERE year = ? AND status = 'provisional' GROUP BY 1", year)() +
        rows(
          `SELECT u.code, u.name, u.name_en, b.level, a.level, a.points FROM ratings a
           JOIN ratings b ON b.institute_id = a.institute_id AND b.year = ? AND b.status = 'final' JOIN units u ON u.id = a.institute_id
           WHERE a.year = ? AND a.status = 'provisional' AND (CASE a.level WHEN 'blue' THEN 0 WHEN 'yellow' THEN 1 WHEN 'orange' THEN 2 ELSE 3 END) > (CASE b.level WHEN 'blue' THEN 0 WHEN 'yellow' THEN 1 WHEN 'orange' THEN 2 ELSE 3 END)
           ORDER BY (CASE a.level WHEN 'blue' THEN 0 WHEN 'yellow' THEN 1 WHEN 'orange' THEN 2 ELSE 3 END) DESC, a.points DESC, u.code`,
          year - 1,
          year,
        )(),
    },
    {
      name: 'incidents per month and domain, 12 months',
      product: () => monthDomainCounts(db, ALL_UNITS, 'incidents', m[0]!.from, m[11]!.to).length,
      raw: rows(
        "SELECT strftime('%Y-%m', occurred_at / 1000 + 28800, 'unixepoch'), domain, count(*) FROM incidents WHERE occurred_at >= ? AND occurred_at < ? AND status <> 'withdrawn' GROUP BY 1, 2",
        m[0]!.from.getTime(),
        m[11]!.to.getTime(),
      ),
    },
    {
      name: 'records of every kind',
      product: () => Object.keys(countRecordsByKind(db, ALL_UNITS)).length,
      raw: () =>
        [
          'projects',
          'assessments',
          'hazards',
          'incidents',
          'inspections',
          'ethics_committees',
          'ethics_activities',
          'ethics_annual_reports',
        ].reduce((n, t) => n + rows(`SELECT count(*) FROM ${t}`)(), 0),
    },
  ];
}

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
  const db = openDatabase(file);
  try {
    let quiet = 0;
    while (quiet < 5) {
      const running = (db.$client.prepare("SELECT count(*) AS n FROM job_runs WHERE status = 'running'").get() as { n: number }).n;
      quiet = running === 0 ? quiet + 1 : 0;
      await new Promise((r) => setTimeout(r, 1000));
      if (performance.now() - t0 > 15 * 60_000) throw new Error('start-up jobs still running after 15 minutes');
    }
  } finally {
    db.$client.close();
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

async function main(): Promise<void> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const fresh = !fs.existsSync(file);
  const db = openDatabase(file);
  migrateDatabase(db);
  ensureReferenceData(db);
  if (fresh) {
    console.log(`Building ${file}: ${INSTITUTES} institutes, ${INCIDENTS} incidents, ${HAZARDS} hazards over ten years to today…`);
    const built = time(() =>
      buildDataset(db, {
        institutes: INSTITUTES,
        incidents: INCIDENTS,
        hazards: HAZARDS,
        from: yearStart(year - 9),
        until: shanghaiDate(year, Number(month.slice(5)), 1),
        projectsPerInstitute: 3,
      }),
    );
    console.log(`  built in ${(built.ms / 1000).toFixed(1)} s (kept for later runs this month)`);
  }
  for (const y of [year - 1, year]) {
    const r = time(() => ensureYearRatings(db, y, now));
    if (r.ms > 100) console.log(`  stored the ${y} ratings in ${(r.ms / 1000).toFixed(1)} s`);
  }

  console.log(`\n1. Aggregates, product (cold) beside the same aggregate in bare SQLite; median of 5, alternating:`);
  for (const p of pairs(db)) p.raw();
  let worst = 0;
  for (const p of pairs(db)) {
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < 5; i++) {
      b.push(time(p.raw).ms);
      a.push(time(p.product).ms);
    }
    const ratio = median(a) / Math.max(median(b), 0.01);
    worst = Math.max(worst, ratio);
    console.log(
      `  ${p.name.padEnd(54)} product ${median(a).toFixed(1).padStart(7)} ms   raw ${median(b).toFixed(1).padStart(7)} ms   ratio ${ratio.toFixed(2)}`,
    );
  }
  console.log(`  worst ratio ${worst.toFixed(2)} (target: at most 1.5)`);
  const cold: number[] = [];
  for (let i = 0; i < 3; i++) {
    clearMemo();
    cold.push(time(() => instituteDomainHeatmap(db, ALL_UNITS, { year, mode: 'points', kind: 'incidents' }, now)).ms);
  }
  console.log(`  whole institutes × domains heatmap, cold (every aggregate above it needs, shaped): median ${median(cold).toFixed(0)} ms`);

  // Who looks: the office's coordination group (50 people of one role and unit, who share each rendering:
  // the page cache, decision 021), and reporters of 50 different institutes (who share nothing).
  const office = await signIn(db, CONNECTIONS, 'office', ['ACADEMY']);
  const instituteCodes = (
    db.$client.prepare("SELECT code FROM units WHERE kind = 'institute' ORDER BY code LIMIT ?").all(CONNECTIONS) as { code: string }[]
  ).map((r) => r.code);
  const reporters = await signIn(db, CONNECTIONS, 'reporter', instituteCodes);
  db.$client.close();

  if (process.env.BENCH_SERVER === '0') return;
  console.log(
    `\n2. Pages rendered by the production server, ${CONNECTIONS} connections for ${SECONDS} s each (npm start; builds if needed)…`,
  );
  const server = spawn('npm', ['start'], {
    // No nightly backup at start (a copy of the whole bench database would compete with the load).
    env: {
      ...process.env,
      FENGHUO_DB: file,
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
    const audiences = [
      { name: `${CONNECTIONS} office staff`, cookies: office },
      { name: `${CONNECTIONS} institutes' reporters`, cookies: reporters },
    ];
    for (const page of ['/', `/heatmaps?year=${year}`, `/heatmaps?year=${year}&mode=counts&kind=hazards`]) {
      const url = `http://127.0.0.1:${PORT}${page}`;
      // The first rendering of the page (its aggregates computed cold), as the first viewer after a change waits.
      const t0 = performance.now();
      const res = await fetch(url, { headers: { cookie: office[0]!, 'accept-encoding': 'gzip' } });
      const body = await res.text();
      const first = performance.now() - t0;
      if (!res.ok || body.includes('/login')) throw new Error(`${page}: HTTP ${res.status}; not logged in?`);
      console.log(`  ${page}: first rendering ${first.toFixed(0)} ms`);
      for (const audience of audiences) {
        const r = await load(url, audience.cookies);
        console.log(
          `    ${audience.name.padEnd(26)} p50 ${r.p50.toFixed(0).padStart(5)} ms   p95 ${r.p95.toFixed(0).padStart(5)} ms   p99 ${r.p99.toFixed(0).padStart(5)} ms   ${r.rps.toFixed(0).padStart(4)} req/s   ${r.n} answers, ${r.errors} errors, ${r.non2xx} non-2xx   (target: p95 < 200 ms)`,
        );
      }
    }
  } finally {
    process.kill(-server.pid!, 'SIGTERM');
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
