// The aggregates the overview and the institutes × domains heatmap read, each as the product computes it
// beside one bare statement computing the same numbers through the engine's own driver (bench/raw-db.ts, SQLite
// or PostgreSQL), which bench/dashboards.ts times in turn.
import type { Db } from '@/db/client';
import * as heatmaps from '@/db/dashboards/heatmaps';
import * as overview from '@/db/dashboards/overview';
import { ALL_UNITS } from '@/domain/auth/actor';
import { lastMonths, yearWindow } from '@/domain/dashboards/filters';
import type { RawDb } from './raw-db';

export interface AggregatePair {
  name: string;
  /** The product's function (async, through the engine); answers a count so that nothing is optimised away. */
  product: () => Promise<number>;
  /** The engine's own driver on a connection of its own (bench/raw-db.ts). */
  raw: () => Promise<number>;
}

/** A bare statement's rows, as arrays (no mapping), counted. */
const rawRows =
  (raw: RawDb, sql: string, ...params: unknown[]) =>
  async () =>
    (await raw.rows(sql, params)).length;

/** A rating level as a number, in SQL: blue 0 … red 3. */
const levelRank = (column: string) => `(CASE ${column} WHEN 'blue' THEN 0 WHEN 'yellow' THEN 1 WHEN 'orange' THEN 2 ELSE 3 END)`;

const RECORD_TABLES = [
  'projects',
  'assessments',
  'hazards',
  'incidents',
  'inspections',
  'ethics_committees',
  'ethics_activities',
  'ethics_annual_reports',
];

/** Every aggregate of the two pages for `year` as of `now`. */
export function aggregatePairs(db: Db, raw: RawDb, year: number, now: Date): AggregatePair[] {
  return [...heatmapPairs(db, raw, year, now), ...overviewPairs(db, raw, year, now)];
}

/** What the institutes × domains heatmap reads: records per unit and domain, the domains units work in, rating points. */
function heatmapPairs(db: Db, raw: RawDb, year: number, now: Date): AggregatePair[] {
  const w = yearWindow(year, now);
  const from = w.from.getTime();
  const to = w.to.getTime();
  return [
    {
      name: 'incidents per unit and domain, year to date',
      product: async () => (await heatmaps.unitDomainCounts(db, ALL_UNITS, 'incidents', w.from, w.to)).length,
      raw: rawRows(
        raw,
        "SELECT unit_id, domain, count(*) FROM incidents WHERE occurred_at >= ? AND occurred_at < ? AND status <> 'withdrawn' GROUP BY 1, 2",
        from,
        to,
      ),
    },
    {
      name: 'hazards per unit and domain, year to date',
      product: async () => (await heatmaps.unitDomainCounts(db, ALL_UNITS, 'hazards', w.from, w.to)).length,
      raw: rawRows(
        raw,
        "SELECT unit_id, domain, count(*) FROM hazards WHERE found_at >= ? AND found_at < ? AND status <> 'withdrawn' GROUP BY 1, 2",
        from,
        to,
      ),
    },
    {
      name: 'domains each unit works in',
      product: async () => (await heatmaps.unitWorkingDomains(db, ALL_UNITS, w.from, w.to)).length,
      raw: rawRows(
        raw,
        "SELECT DISTINCT unit_id, domain FROM projects WHERE status <> 'withdrawn' AND (closed_at IS NULL OR closed_at >= ?) AND coalesce(started_at, created_at) < ?",
        from,
        to,
      ),
    },
    {
      name: 'rating points per institute and domain',
      product: async () => (await heatmaps.instituteDomainPoints(db, ALL_UNITS, year, 'provisional')).length,
      raw: rawRows(
        raw,
        `SELECT r.institute_id, coalesce(i.domain, h.domain, p.domain), sum(c.points) FROM ratings r JOIN rating_contributions c ON c.rating_id = r.id
         LEFT JOIN incidents i ON c.record_kind = 'incidents' AND i.id = c.record_id LEFT JOIN hazards h ON c.record_kind = 'hazards' AND h.id = c.record_id
         LEFT JOIN projects p ON c.record_kind = 'projects' AND p.id = c.record_id
         WHERE r.year = ? AND r.status = 'provisional' AND coalesce(i.domain, h.domain, p.domain) IS NOT NULL GROUP BY 1, 2`,
        year,
      ),
    },
  ];
}

/** What the overview's cards read: incidents by tier, hazards by severity and state, levels, the 12-month trend, record counts. */
function overviewPairs(db: Db, raw: RawDb, year: number, now: Date): AggregatePair[] {
  const w = yearWindow(year, now);
  const m = lastMonths(now, 12);
  const from = w.from.getTime();
  const to = w.to.getTime();
  return [
    {
      name: 'incidents by domain and effective tier, year to date',
      product: async () => (await overview.incidentsByDomainAndTier(db, ALL_UNITS, w.from, w.to)).length,
      raw: rawRows(
        raw,
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
      product: async () => Object.keys(await overview.hazardsBySeverity(db, ALL_UNITS, w.from, w.to)).length,
      raw: rawRows(
        raw,
        "SELECT severity, count(*) FROM hazards WHERE found_at >= ? AND found_at < ? AND status <> 'withdrawn' GROUP BY 1",
        from,
        to,
      ),
    },
    {
      name: 'open and overdue hazards',
      product: async () => (await overview.hazardStatus(db, ALL_UNITS, now)).open,
      raw: rawRows(
        raw,
        "SELECT count(*), sum(CASE WHEN due_at < ? THEN 1 ELSE 0 END), sum(CASE WHEN due_at < ? AND severity = 'major' THEN 1 ELSE 0 END) FROM hazards WHERE rectified_at IS NULL AND status = 'open'",
        now.getTime(),
        now.getTime(),
      ),
    },
    {
      name: 'level distribution and rises',
      product: async () =>
        Object.keys(await overview.levelDistribution(db, ALL_UNITS, year, 'provisional')).length +
        (await overview.levelRises(db, ALL_UNITS, year, 'provisional', 'final')).length,
      raw: async () =>
        (await rawRows(raw, "SELECT level, count(*) FROM ratings WHERE year = ? AND status = 'provisional' GROUP BY 1", year)()) +
        (await rawRows(
          raw,
          `SELECT u.code, u.name, u.name_en, b.level, a.level, a.points FROM ratings a
           JOIN ratings b ON b.institute_id = a.institute_id AND b.year = ? AND b.status = 'final' JOIN units u ON u.id = a.institute_id
           WHERE a.year = ? AND a.status = 'provisional' AND ${levelRank('a.level')} > ${levelRank('b.level')}
           ORDER BY ${levelRank('a.level')} DESC, a.points DESC, u.code`,
          year - 1,
          year,
        )()),
    },
    {
      name: 'incidents per month and domain, 12 months',
      product: async () => (await heatmaps.monthDomainCounts(db, ALL_UNITS, 'incidents', m[0]!.from, m[11]!.to)).length,
      raw: rawRows(
        raw,
        `SELECT ${raw.monthOf('occurred_at')}, domain, count(*) FROM incidents WHERE occurred_at >= ? AND occurred_at < ? AND status <> 'withdrawn' GROUP BY 1, 2`,
        m[0]!.from.getTime(),
        m[11]!.to.getTime(),
      ),
    },
    {
      name: 'records of every kind',
      product: async () => Object.keys(await overview.countRecordsByKind(db, ALL_UNITS)).length,
      raw: rawRows(raw, `SELECT ${RECORD_TABLES.map((t) => `(SELECT count(*) FROM ${t})`).join(', ')}`),
    },
  ];
}
