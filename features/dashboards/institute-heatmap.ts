import type { Db } from '@/db/client';
import { instituteDomainPoints, instituteLevels, unitDomainCounts, unitWorkingDomains } from '@/db/dashboards/heatmaps';
import { listDomains } from '@/db/reference/reference';
import { activeRatingRuleSet } from '@/db/rule-sets/rating-rule-sets';
import type { Scope } from '@/domain/auth/actor';
import { levelByPoints } from '@/domain/rating/level';
import { ensureYearRatings } from '@/features/rating/year-ratings';
import { ratedYears } from '@/domain/records/date-range';
import type { Level } from '@/domain/reference/level-codes';
import { yearWindow } from '@/domain/dashboards/filters';
import type {
  CellState,
  CountedKind,
  HeatCell,
  HeatGroup,
  HeatRow,
  InstituteHeatmap,
  InstituteHeatmapQuery,
} from '@/domain/dashboards/types';
import { institutesForScope, instituteOfUnit } from '@/db/dashboards/institute-rows';
import { dataVersion, memo, scopeKey } from '@/features/dashboards/memo';

const kinds: CountedKind[] = ['incidents', 'hazards', 'assessments'];

/** Institutes × domains for a caller: cells, groups by branch academy, totals. Sorting is the page's. */
export async function instituteDomainHeatmap(db: Db, scope: Scope, q: InstituteHeatmapQuery, now: Date): Promise<InstituteHeatmap> {
  // The points and levels come from the stored ratings of the status that stands for the year
  // (features/rating/year-ratings.ts), and only for the years the product offers (decision 035).
  const ratingStatus =
    (q.mode === 'points' || q.level) && ratedYears(now).includes(q.year) ? await ensureYearRatings(db, q.year, now) : null;
  const key = `institute-heatmap|${scopeKey(scope)}|${q.year}|${q.mode}|${q.kind}|${q.branch ?? ''}|${q.level ?? ''}`;
  // Windows end with today: the value moves with the day, not the minute.
  return memo(key, await dataVersion(db, now, 'day'), () => build(db, scope, q, now, ratingStatus));
}

async function build(db: Db, scope: Scope, q: InstituteHeatmapQuery, now: Date, ratingStatus: string | null): Promise<InstituteHeatmap> {
  const window = yearWindow(q.year, now);
  const domains = (await listDomains(db)).map((d) => d.code);
  const ruleSet = await activeRatingRuleSet(db);
  const instOf = await instituteOfUnit(db);
  const cellKey = (institute: number, domain: string) => `${institute}|${domain}`;

  // Whether anything was filed, per institute and domain (any kind), and the counts of the kind shown.
  const filed = new Map<string, number>();
  const counted = new Map<string, number>();
  for (const kind of kinds) {
    for (const r of await unitDomainCounts(db, scope, kind, window.from, window.to)) {
      const inst = instOf.get(r.unitId);
      if (inst === undefined) continue;
      const k = cellKey(inst, r.domain);
      filed.set(k, (filed.get(k) ?? 0) + r.n);
      if (kind === q.kind) counted.set(k, (counted.get(k) ?? 0) + r.n);
    }
  }
  const working = new Set<string>();
  for (const r of await unitWorkingDomains(db, scope, window.from, window.to)) {
    const inst = instOf.get(r.unitId);
    if (inst !== undefined) working.add(cellKey(inst, r.domain));
  }
  const points = new Map<string, number>();
  const levelOf = new Map<number, Level>();
  if (ratingStatus) {
    if (q.mode === 'points')
      for (const r of await instituteDomainPoints(db, scope, q.year, ratingStatus)) points.set(cellKey(r.instituteId, r.domain), r.points);
    for (const r of await instituteLevels(db, scope, q.year, ratingStatus)) levelOf.set(r.instituteId, r.level);
  }

  const groups = new Map<string, HeatGroup>();
  for (const institute of await institutesForScope(db, scope)) {
    if (q.branch && institute.branchCode !== q.branch) continue;
    const level = levelOf.get(institute.id);
    if (q.level && level !== q.level) continue;
    const cells = domains.map((domain): HeatCell => {
      const k = cellKey(institute.id, domain);
      const value = q.mode === 'points' ? (points.get(k) ?? 0) : (counted.get(k) ?? 0);
      const state: CellState = value > 0 || filed.has(k) ? 'value' : working.has(k) ? 'nodata' : 'none';
      // Zero points carry no band: painted blue, a real zero looked as hot as a red cell on a glance.
      return { domain, value, state, band: q.mode === 'points' && value > 0 ? levelByPoints(value, ruleSet) : undefined };
    });
    const row: HeatRow = { institute, cells, total: cells.reduce((s, c) => s + c.value, 0), level };
    const gk = institute.branchCode ?? '';
    let group = groups.get(gk);
    if (!group) {
      group = {
        branchCode: gk,
        branchName: institute.branchName ?? '',
        branchNameEn: institute.branchNameEn,
        rows: [],
        totals: domains.map(() => 0),
        total: 0,
        worst: domains.map((domain): HeatCell => ({ domain, value: 0, state: 'none' })),
      };
      groups.set(gk, group);
    }
    group.rows.push(row);
    cells.forEach((c, i) => {
      group.totals[i]! += c.value;
      if (isWorse(c, group.worst[i]!)) group.worst[i] = c;
    });
    group.total += row.total;
  }
  return {
    mode: q.mode,
    kind: q.kind,
    window,
    ratingStatus,
    domains,
    groups: [...groups.values()],
    thresholds: ruleSet.levelThresholds,
  };
}

const stateRank: Record<CellState, number> = { none: 0, nodata: 1, value: 2 };

// The higher value wins; at equal values a number beats "no data", which beats "not involved".
function isWorse(a: HeatCell, b: HeatCell): boolean {
  return a.value !== b.value ? a.value > b.value : stateRank[a.state] > stateRank[b.state];
}

/** Rows and groups ordered by total (worst first) or by code. */
export function sortHeatmap(groups: readonly HeatGroup[], sort: 'total' | 'name'): HeatGroup[] {
  const byTotal = <T extends { total: number }>(a: T, b: T) => b.total - a.total;
  if (sort === 'name') return [...groups];
  return [...groups]
    .sort(byTotal)
    .map((g) => ({ ...g, rows: [...g.rows].sort((a, b) => byTotal(a, b) || a.institute.code.localeCompare(b.institute.code)) }));
}
