import type { Db } from '@/db/client';
import {
  alertsFiredBetween,
  domainCountsByInstitute,
  hazardsByInstituteAndSeverity,
  incidentsByInstituteAndTier,
  institutesWithBranch,
  overdueHazardsAt,
} from '@/db/queries/bulletins';
import { listDomains } from '@/db/queries/reference';
import { activeRatingRuleSet } from '@/db/queries/rule-sets';
import { rateInstitutes } from '@/features/rating/rate-institutes';
import { addMonths, monthEnd, monthRange, monthStart, monthYear } from '@/domain/time/months';
import type { BulletinBody, BulletinInstitute } from '@/domain/bulletins/types';

export const TREND_MONTHS = 6;

/**
 * Builds month M's bulletin from the records as they are now (RATING.md §7): new incidents by tier and new
 * hazards by severity in M, hazards overdue at M's end, every institute's provisional level at M's start
 * and end (evaluated with the active rule set; nothing stored is changed), M's alerts, and the incidents
 * and hazards per domain over the six months ending with M. Per institute, so views can be scoped.
 */
export function buildBulletinBody(db: Db, month: string): BulletinBody {
  const start = monthStart(month);
  const end = monthEnd(month);
  const ruleSet = activeRatingRuleSet(db);
  const year = monthYear(month);
  // Year-to-date levels: at 1 January a new year's provisional rating starts from nothing (decision 013).
  const atEnd = rateInstitutes(db, ruleSet, year, { asOf: end });
  const atStart = new Map(rateInstitutes(db, ruleSet, year, { asOf: start }).map((r) => [r.institute.id, r.rating]));

  const rows = new Map<number, BulletinInstitute>();
  const blank = (unitId: number): BulletinInstitute => ({
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
  });
  const row = (id: number) => rows.get(id) ?? rows.set(id, blank(id)).get(id)!;

  for (const { institute: u, rating } of atEnd) {
    const r = row(u.id);
    Object.assign(r, {
      code: u.code,
      name: u.name,
      nameEn: u.nameEn,
      branchId: u.branchId,
      branchCode: u.branchCode,
      branchName: u.branchName,
      branchNameEn: u.branchNameEn,
      levelEnd: rating.level,
      pointsEnd: rating.points,
    });
    const before = atStart.get(u.id);
    if (before) {
      r.levelStart = before.level;
      r.pointsStart = before.points;
    }
  }
  for (const c of incidentsByInstituteAndTier(db, ruleSet, start, end)) {
    const tiers = row(c.instituteId).incidentsByTier;
    const i = Math.min(Math.max(Number(c.tier), 1), 4) - 1;
    tiers[i] = (tiers[i] ?? 0) + c.n;
  }
  for (const c of hazardsByInstituteAndSeverity(db, start, end)) row(c.instituteId).hazards[c.severity] += c.n;
  for (const c of overdueHazardsAt(db, end)) row(c.instituteId).overdueAtEnd[c.severity] += c.n;

  const trendMonths = monthRange(addMonths(month, 1 - TREND_MONTHS), month);
  for (const m of trendMonths) {
    const counts = domainCountsByInstitute(db, monthStart(m), monthEnd(m));
    const cells = new Map<string, { instituteId: number; domain: string; incidents: number; hazards: number }>();
    const cell = (instituteId: number, domain: string) => {
      const key = `${instituteId}|${domain}`;
      return cells.get(key) ?? cells.set(key, { instituteId, domain, incidents: 0, hazards: 0 }).get(key)!;
    };
    for (const c of counts.incidents) cell(c.instituteId, c.domain).incidents += c.n;
    for (const c of counts.hazards) cell(c.instituteId, c.domain).hazards += c.n;
    for (const c of cells.values())
      row(c.instituteId).trend.push({ month: m, domain: c.domain, incidents: c.incidents, hazards: c.hazards });
  }

  // Institutes that were not rated (e.g. inactive this year) but have records still need their names.
  const unnamed = [...rows.values()].filter((r) => !r.code).map((r) => r.unitId);
  for (const u of institutesWithBranch(db, unnamed)) {
    Object.assign(row(u.id), {
      code: u.code,
      name: u.name,
      nameEn: u.nameEn,
      branchId: u.branchId,
      branchCode: u.branchCode,
      branchName: u.branchName,
      branchNameEn: u.branchNameEn,
    });
  }

  return {
    version: 1,
    month,
    periodStart: start.toISOString(),
    periodEnd: end.toISOString(),
    ruleSetVersion: ruleSet.version,
    trendMonths,
    domains: listDomains(db).map((d) => ({ code: d.code, nameZh: d.nameZh, nameEn: d.nameEn })),
    institutes: [...rows.values()].sort((a, b) => a.code.localeCompare(b.code)),
    alerts: alertsFiredBetween(db, start, end).map((a) => ({ ...a, firedAt: a.firedAt.toISOString() })),
  };
}
