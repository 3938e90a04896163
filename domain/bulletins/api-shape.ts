import type { BulletinView } from '@/domain/bulletins/view';

const TIER_KEYS = ['I', 'II', 'III', 'IV'] as const;
const byTier = (n: readonly number[]) => Object.fromEntries(TIER_KEYS.map((k, i) => [k, n[i] ?? 0]));

/** GET /api/v1/bulletins/YYYY-MM: the stored bulletin as the caller may see it (API.md). */
export function bulletinToApi(v: BulletinView) {
  return {
    month: v.month,
    generatedAt: v.generatedAt.toISOString(),
    periodStart: v.periodStart,
    periodEnd: v.periodEnd,
    ruleSet: v.ruleSetVersion,
    scope: v.wholeAcademy ? 'academy' : 'partial',
    totals: {
      incidentsByTier: byTier(v.totals.incidentsByTier),
      incidents: v.totals.incidents,
      hazardsBySeverity: v.totals.hazards,
      overdueRectificationsAtEnd: v.totals.overdueAtEnd,
      levelsAtEnd: v.totals.levelsAtEnd,
      levelsRose: v.totals.rose,
      levelsFell: v.totals.fell,
      alertsByColour: v.totals.alertsByColour,
    },
    units: v.institutes.map((r) => ({
      unitCode: r.code,
      name: r.name,
      nameEn: r.nameEn,
      branchCode: r.branchCode,
      incidentsByTier: byTier(r.incidentsByTier),
      hazardsBySeverity: r.hazards,
      overdueRectificationsAtEnd: r.overdueAtEnd,
      levelAtStart: r.levelStart,
      pointsAtStart: r.pointsStart,
      levelAtEnd: r.levelEnd,
      pointsAtEnd: r.pointsEnd,
    })),
    alerts: v.alerts.map((a) => ({
      id: a.id,
      rule: a.rule,
      colour: a.colour,
      unitCode: a.unitCode,
      domain: a.domain,
      messageZh: a.messageZh,
      messageEn: a.messageEn,
      firedAt: a.firedAt,
    })),
    domainTrends: {
      months: v.trendMonths,
      domains: v.domains
        .map((d) => ({ domain: d.code, counts: v.trend.map((m) => m.counts[d.code] ?? 0) }))
        .filter((d) => d.counts.some((n) => n > 0)),
    },
  };
}
