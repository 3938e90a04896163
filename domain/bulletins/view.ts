import type { Scope } from '@/domain/auth/actor';
import { levels, type Level } from '@/domain/reference/level-codes';
import type { BulletinAlert, BulletinBody, BulletinInstitute } from '@/domain/bulletins/types';

export interface BulletinTotals {
  incidentsByTier: [number, number, number, number];
  incidents: number;
  hazards: { general: number; major: number };
  overdueAtEnd: { general: number; major: number };
  levelsAtEnd: Record<Level, number>;
  rose: number;
  fell: number;
  alertsByColour: Record<Level, number>;
}

export interface BulletinView {
  month: string;
  generatedAt: Date;
  periodStart: string;
  periodEnd: string;
  ruleSetVersion: string;
  wholeAcademy: boolean;
  institutes: BulletinInstitute[];
  alerts: BulletinAlert[];
  totals: BulletinTotals;
  trendMonths: string[];
  domains: BulletinBody['domains'];
  /** Incidents + hazards per month and domain, from the visible institutes only. */
  trend: { month: string; counts: Record<string, number> }[];
}

const rank = (l: Level) => levels.indexOf(l);

/**
 * Alerts a bulletin page or PDF lists (issue 13: an institute's own flood of overdue hazards fires an alert
 * each); the rest are counted and found in the alerts inbox by the month they fired in.
 */
export const BULLETIN_ALERT_LINES = 100;

/**
 * What a viewer may read of a stored bulletin: the rows of the institutes (and alerts of the units) in
 * their scope, and totals recomputed from those rows only, so nothing outside the scope shows, not even
 * in a sum. An alert with no unit is academy-wide and only whole-academy viewers see it.
 */
export function bulletinView(stored: { month: string; generatedAt: Date; body: unknown }, scope: Scope): BulletinView {
  const body = stored.body as BulletinBody;
  const visible = (unitId: number | null) => (scope.all ? true : unitId !== null && scope.unitIds.includes(unitId));
  const institutes = body.institutes.filter((r) => visible(r.unitId));
  const alerts = body.alerts.filter((a) => visible(a.unitId));

  const totals: BulletinTotals = {
    incidentsByTier: [0, 0, 0, 0],
    incidents: 0,
    hazards: { general: 0, major: 0 },
    overdueAtEnd: { general: 0, major: 0 },
    levelsAtEnd: { blue: 0, yellow: 0, orange: 0, red: 0 },
    rose: 0,
    fell: 0,
    alertsByColour: { blue: 0, yellow: 0, orange: 0, red: 0 },
  };
  const trend = new Map(body.trendMonths.map((m) => [m, {} as Record<string, number>]));
  for (const r of institutes) {
    r.incidentsByTier.forEach((n, i) => {
      totals.incidentsByTier[i] = (totals.incidentsByTier[i] ?? 0) + n;
      totals.incidents += n;
    });
    totals.hazards.general += r.hazards.general;
    totals.hazards.major += r.hazards.major;
    totals.overdueAtEnd.general += r.overdueAtEnd.general;
    totals.overdueAtEnd.major += r.overdueAtEnd.major;
    if (r.levelEnd) {
      totals.levelsAtEnd[r.levelEnd]++;
      const before = r.levelStart ?? 'blue';
      if (rank(r.levelEnd) > rank(before)) totals.rose++;
      if (rank(r.levelEnd) < rank(before)) totals.fell++;
    }
    for (const c of r.trend) {
      const counts = trend.get(c.month);
      if (counts) counts[c.domain] = (counts[c.domain] ?? 0) + c.incidents + c.hazards;
    }
  }
  for (const a of alerts) totals.alertsByColour[a.colour]++;

  return {
    month: stored.month,
    generatedAt: stored.generatedAt,
    periodStart: body.periodStart,
    periodEnd: body.periodEnd,
    ruleSetVersion: body.ruleSetVersion,
    wholeAcademy: scope.all,
    institutes,
    alerts,
    totals,
    trendMonths: body.trendMonths,
    domains: body.domains,
    trend: body.trendMonths.map((month) => ({ month, counts: trend.get(month)! })),
  };
}

/** The level change of one row over the month, for display: 'rose' | 'fell' | 'same' | 'new'. */
export function levelChange(r: BulletinInstitute): 'rose' | 'fell' | 'same' | 'new' | 'none' {
  if (!r.levelEnd) return 'none';
  if (!r.levelStart) return 'new';
  const d = rank(r.levelEnd) - rank(r.levelStart);
  return d > 0 ? 'rose' : d < 0 ? 'fell' : 'same';
}
