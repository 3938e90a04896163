// `npm run bench -- pages`: one institute files 150,000 hazards (issue 13, item 8), then every page,
// export and API answer that lists records is timed against the production server (server/serve.ts, as
// `npm start` runs it; needs `npx next build`), each beside raw SQLite running the same underlying query in
// the same run. While the rating page renders, /api/health is polled: the page must not stop the server.
//   BENCH_HAZARDS (default 150000), BENCH_PORT (default 3312).
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import { openDatabase } from '@/db/client';
import { rawGet } from '@/db/engine';
import { DEMO_PASSWORD } from '@/server/startup/bootstrap';
import { logIn } from '@/features/auth/login';
import { createApiToken } from '@/features/auth/api-tokens';
import { SESSION_COOKIE } from '@/domain/auth/session-policy';
import { shanghaiYear } from '@/domain/time/shanghai';
import { buildFloodDb, FLOOD_DOMAIN, FLOOD_UNIT, startJobsDone } from './flood-db';
import { startServer, type OwnServer } from './server-process';

const HAZARDS = Number(process.env.BENCH_HAZARDS ?? 150_000);
const PORT = Number(process.env.BENCH_PORT ?? 3312);
const UNIT = FLOOD_UNIT;
const DOMAIN = FLOOD_DOMAIN;
const dir = path.resolve('.tmp/bench');
const file = path.join(dir, 'pages.db');

/** A fresh demo academy, then HAZARDS open hazards of one institute, found this year and most overdue. */
async function build(): Promise<{ cookie: string; token: string }> {
  fs.mkdirSync(dir, { recursive: true });
  const ms = await buildFloodDb(file, HAZARDS);
  console.log(`${HAZARDS.toLocaleString('en-US')} hazards for ${UNIT} inserted in ${(ms / 1000).toFixed(1)} s`);
  const db = openDatabase(file);
  const session = await logIn(db, { login: 'office', password: DEMO_PASSWORD, ip: '127.0.0.1' });
  if (!session.ok) throw new Error('could not sign the office in');
  const office = (await rawGet<{ id: number }>(db, sql`SELECT id FROM users WHERE login = 'office'`))!;
  const token = (await createApiToken(db, office.id, 'bench')).token;
  db.close();
  return { cookie: `${SESSION_COOKIE}=${session.sessionToken}`, token };
}

interface Target {
  name: string;
  url: string;
  /** The same data read by one bare statement (or two), as the page lists it. */
  raw: (db: Database.Database) => unknown;
}

const unitId = (db: Database.Database) => (db.prepare('SELECT id FROM units WHERE code = ?').get(UNIT) as { id: number }).id;
const ratingId = (db: Database.Database, year: number) =>
  (
    db.prepare("SELECT id FROM ratings WHERE institute_id = ? AND year = ? AND status = 'provisional'").get(unitId(db), year) as {
      id: number;
    }
  ).id;

/** Everything timed, in the order printed: the pages, then the exports and the API. */
function targets(year: number): Target[] {
  return [...pageTargets(year), ...exportAndApiTargets(year)];
}

function pageTargets(year: number): Target[] {
  return [
    {
      name: 'rating page',
      url: `/ratings/${year}/${UNIT}`,
      raw: (db) =>
        db
          .prepare('SELECT rule, count(*), sum(points) FROM rating_contributions WHERE rating_id = ? GROUP BY rule')
          .all(ratingId(db, year)),
    },
    {
      name: 'rating page, one rule, page 100',
      url: `/ratings/${year}/${UNIT}?rule=hazard.general&page=100`,
      raw: (db) =>
        db
          .prepare("SELECT * FROM rating_contributions WHERE rating_id = ? AND rule = 'hazard.general' ORDER BY id LIMIT 50 OFFSET 4950")
          .all(ratingId(db, year)),
    },
    {
      name: 'unit page',
      url: `/units/${UNIT}`,
      raw: (db) => [
        db.prepare("SELECT * FROM hazards WHERE institute_id = ? AND status = 'open' ORDER BY due_at LIMIT 20").all(unitId(db)),
        db.prepare("SELECT count(*) FROM hazards WHERE institute_id = ? AND status = 'open'").get(unitId(db)),
      ],
    },
    {
      name: 'record list',
      url: `/records/hazards?unit=${UNIT}`,
      raw: (db) => [
        db.prepare('SELECT * FROM hazards WHERE institute_id = ? ORDER BY found_at DESC LIMIT 50').all(unitId(db)),
        db.prepare('SELECT count(*) FROM hazards WHERE institute_id = ?').get(unitId(db)),
      ],
    },
    {
      name: 'domain page',
      url: `/domains/${DOMAIN}`,
      raw: (db) =>
        db
          .prepare(
            "SELECT institute_id, count(*) FROM hazards WHERE domain = ? AND found_at >= ? AND status <> 'withdrawn' GROUP BY institute_id",
          )
          .all(DOMAIN, Date.parse(`${year}-01-01T00:00:00+08:00`)),
    },
    {
      name: 'overview',
      url: '/',
      raw: (db) =>
        db
          .prepare("SELECT severity, count(*) FROM hazards WHERE found_at >= ? AND status <> 'withdrawn' GROUP BY severity")
          .all(Date.parse(`${year}-01-01T00:00:00+08:00`)),
    },
  ];
}

function exportAndApiTargets(year: number): Target[] {
  return [
    {
      name: 'export: unit open hazards',
      url: `/export/unit-open-hazards?unit=${UNIT}`,
      raw: (db) => db.prepare("SELECT * FROM hazards WHERE institute_id = ? AND status = 'open' ORDER BY due_at LIMIT 20").all(unitId(db)),
    },
    {
      name: 'export: domain open major',
      url: `/export/domain-open-major?domain=${DOMAIN}`,
      raw: (db) =>
        db
          .prepare("SELECT * FROM hazards WHERE domain = ? AND severity = 'major' AND status = 'open' ORDER BY due_at LIMIT 50")
          .all(DOMAIN),
    },
    {
      name: 'API ratings ?unit=',
      url: `/api/v1/ratings?year=${year}&unit=${UNIT}`,
      raw: (db) => db.prepare('SELECT * FROM rating_contributions WHERE rating_id = ? ORDER BY id').all(ratingId(db, year)),
    },
    {
      name: 'API hazards ?unit=',
      url: `/api/v1/hazards?unit=${UNIT}`,
      raw: (db) => db.prepare('SELECT * FROM hazards WHERE institute_id = ? ORDER BY id LIMIT 500').all(unitId(db)),
    },
  ];
}

/** One request, with the worst /api/health answer time while it ran. */
async function measure(server: OwnServer, url: string, headers: Record<string, string>) {
  let polling = true;
  let worstHealth = 0;
  const poll = (async () => {
    while (polling) {
      const t = performance.now();
      await fetch(`${server.url}/api/health`).catch(() => null);
      worstHealth = Math.max(worstHealth, performance.now() - t);
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  const t0 = performance.now();
  const res = await fetch(`${server.url}${url}`, { headers });
  const bytes = (await res.arrayBuffer()).byteLength;
  const ms = performance.now() - t0;
  polling = false;
  await poll;
  return { status: res.status, bytes, ms, worstHealth };
}

function rawMs(db: Database.Database, run: (db: Database.Database) => unknown): number {
  run(db); // warm the page cache of SQLite as the server's is
  const t0 = performance.now();
  run(db);
  return performance.now() - t0;
}

async function main() {
  const { cookie, token } = await build();
  const year = shanghaiYear(new Date());
  const server = await startServer({
    port: PORT,
    db: file,
    env: { FENGHUO_BACKUP_KEEP: '0', FENGHUO_API_RATE: '0', FENGHUO_SEED_DEMO: 'false', FENGHUO_START_WAIT_MS: '0' },
    timeoutMs: 900_000,
  });
  // The start-up jobs run in the job thread (decision 031): the health check is prompt meanwhile, so wait
  // for what they store before timing the pages.
  const t0 = performance.now();
  while (!startJobsDone(file, year)) await new Promise((r) => setTimeout(r, 250));
  console.log(`start-up jobs done ${((performance.now() - t0) / 1000).toFixed(1)} s after the server answered`);
  const db = new Database(file, { readonly: true });
  const rows: string[] = [];
  try {
    for (const t of targets(year)) {
      const headers: Record<string, string> = t.url.startsWith('/api/')
        ? { authorization: `Bearer ${token}` }
        : { cookie, accept: 'text/html' };
      const cold = await measure(server, t.url, headers);
      const warm = await measure(server, t.url, headers);
      const raw = rawMs(db, t.raw);
      rows.push(
        [
          t.name.padEnd(34),
          String(cold.status).padStart(4),
          `${(cold.bytes / 1024).toFixed(0).padStart(7)} KB`,
          `${cold.ms.toFixed(0).padStart(7)} ms`,
          `${warm.ms.toFixed(0).padStart(7)} ms`,
          `${raw.toFixed(1).padStart(8)} ms`,
          `${Math.max(cold.worstHealth, warm.worstHealth).toFixed(0).padStart(7)} ms`,
        ].join(' '),
      );
      console.log(rows.at(-1));
    }
  } finally {
    db.close();
    console.log(`server RSS ${server.rssMb().toFixed(0)} MB`);
    await server.kill();
  }
  console.log(
    `\n${HAZARDS.toLocaleString('en-US')} hazards in ${UNIT}; product (first, again) beside raw SQLite; worst /api/health meanwhile`,
  );
  console.log(['page'.padEnd(34), 'HTTP', '     size', '    first', '    again', '       raw', ' health'].join(' '));
  for (const r of rows) console.log(r);
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
