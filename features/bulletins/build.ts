import type { Queryable } from '@/db/tx';
import {
  alertsFiredBetween,
  domainCountsByInstitute,
  hazardsByInstituteAndSeverity,
  incidentsByInstituteAndTier,
  institutesWithBranch,
  overdueHazardsAt,
} from '@/db/bulletins/bulletins';
import { listDomains } from '@/db/reference/reference';
import { activeRatingRuleSet } from '@/db/rule-sets/rating-rule-sets';
import { rateInstitutes } from '@/features/rating/rate-institutes';
import { addMonths, monthEnd, monthRange, monthStart, monthYear } from '@/domain/time/months';
import type { BulletinBody, BulletinInstitute, InstituteNames } from '@/domain/bulletins/types';
import type { RatingRuleSet } from '@/domain/rating/rule-set';

export const TREND_MONTHS = 6;

type Rows = Map<number, BulletinInstitute>;

/** The institute's row, started blank the first time any figure of it is added. */
function rowOf(rows: Rows, unitId: number): BulletinInstitute {
  let r = rows.get(unitId);
  if (!r) {
    r = {
      unitId,
      code: '',
      name: '',
      nameEn: null,
      branchId: null,
      branchCode: null,
      branchName: null,
      branchNameEn: null,
      incidentsByTier: [0, 0, 0, 0],
      hazards: { general: 0, major: 0 },
      overdueAtEnd: { general: 0, major: 0 },
      levelStart: null,
      pointsStart: null,
      levelEnd: null,
      pointsEnd: null,
      trend: [],
    };
    rows.set(unitId, r);
  }
  return r;
}

const names = (u: InstituteNames): InstituteNames => ({
  code: u.code,
  name: u.name,
  nameEn: u.nameEn,
  branchId: u.branchId,
  branchCode: u.branchCode,
  branchName: u.branchName,
  branchNameEn: u.branchNameEn,
});

/** Every institute's provisional, year-to-date level at the month's start and end (nothing stored). */
async function addLevels(q: Queryable, rows: Rows, ruleSet: RatingRuleSet, month: string): Promise<void> {
  const year = monthYear(month);
  // Year-to-date levels: at 1 January a new year's provisional rating starts from nothing (decision 013).
  const atEnd = await rateInstitutes(q, ruleSet, year, { asOf: monthEnd(month) });
  const atStart = new Map((await rateInstitutes(q, ruleSet, year, { asOf: monthStart(month) })).map((r) => [r.institute.id, r.rating]));
  for (const { institute: u, rating } of atEnd) {
    const r = rowOf(rows, u.id);
    Object.assign(r, names(u), { levelEnd: rating.level, pointsEnd: rating.points });
    const before = atStart.get(u.id);
    if (before) {
      r.levelStart = before.level;
      r.pointsStart = before.points;
    }
  }
}

/** New incidents by tier and new hazards by severity in [start, end), and hazards overdue at its end. */
async function addCounts(q: Queryable, rows: Rows, ruleSet: RatingRuleSet, start: Date, end: Date): Promise<void> {
  for (const c of await incidentsByInstituteAndTier(q, ruleSet, start, end)) {
    const tiers = rowOf(rows, c.instituteId).incidentsByTier;
    const i = Math.min(Math.max(Number(c.tier), 1), 4) - 1;
    tiers[i] = (tiers[i] ?? 0) + c.n;
  }
  for (const c of await hazardsByInstituteAndSeverity(q, start, end)) rowOf(rows, c.instituteId).hazards[c.severity] += c.n;
  for (const c of await overdueHazardsAt(q, end)) rowOf(rows, c.instituteId).overdueAtEnd[c.severity] += c.n;
}

/** Incidents and hazards per institute and domain, month by month. */
async function addTrend(q: Queryable, rows: Rows, trendMonths: readonly string[]): Promise<void> {
  for (const m of trendMonths) {
    const counts = await domainCountsByInstitute(q, monthStart(m), monthEnd(m));
    const cells = new Map<string, { instituteId: number; domain: string; incidents: number; hazards: number }>();
    const cell = (instituteId: number, domain: string) => {
      const key = `${instituteId}|${domain}`;
      return cells.get(key) ?? cells.set(key, { instituteId, domain, incidents: 0, hazards: 0 }).get(key)!;
    };
    for (const c of counts.incidents) cell(c.instituteId, c.domain).incidents += c.n;
    for (const c of counts.hazards) cell(c.instituteId, c.domain).hazards += c.n;
    for (const c of cells.values())
      rowOf(rows, c.instituteId).trend.push({ month: m, domain: c.domain, incidents: c.incidents, hazards: c.hazards });
  }
}

/** Institutes that were not rated (e.g. inactive this year) but have records still need their names. */
async function nameUnrated(q: Queryable, rows: Rows): Promise<void> {
  const unnamed = [...rows.values()].filter((r) => !r.code).map((r) => r.unitId);
  for (const u of await institutesWithBranch(q, unnamed)) Object.assign(rowOf(rows, u.id), names(u));
}

/**
 * Builds month M's bulletin from the records as they are now (RATING.md §7): new incidents by tier and new
 * hazards by severity in M, hazards overdue at M's end, every institute's provisional level at M's start
 * and end (evaluated with the active rule set; nothing stored is changed), M's alerts, and the incidents
 * and hazards per domain over the six months ending with M. Per institute, so views can be scoped. The
 * reads run one after another: the caller runs this in `db.snapshot` so that they all see one state.
 */
export async function buildBulletinBody(q: Queryable, month: string): Promise<BulletinBody> {
  const start = monthStart(month);
  const end = monthEnd(month);
  const ruleSet = await activeRatingRuleSet(q);
  const trendMonths = monthRange(addMonths(month, 1 - TREND_MONTHS), month);
  const rows: Rows = new Map();
  await addLevels(q, rows, ruleSet, month);
  await addCounts(q, rows, ruleSet, start, end);
  await addTrend(q, rows, trendMonths);
  await nameUnrated(q, rows);
  const domains = await listDomains(q);
  const alerts = await alertsFiredBetween(q, start, end);
  return {
    version: 1,
    month,
    periodStart: start.toISOString(),
    periodEnd: end.toISOString(),
    ruleSetVersion: ruleSet.version,
    trendMonths,
    domains: domains.map((d) => ({ code: d.code, nameZh: d.nameZh, nameEn: d.nameEn })),
    institutes: [...rows.values()].sort((a, b) => a.code.localeCompare(b.code)),
    alerts: alerts.map((a) => ({ ...a, firedAt: a.firedAt.toISOString() })),
  };
}
