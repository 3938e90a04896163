import { asc, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { units } from '@/db/schema';
import { assessmentLevelMix, domainFigures, domainMonthlyCounts, domainUnits } from '@/db/dashboards/domain-figures';
import { incidentLines, openHazardLines } from '@/db/dashboards/domain-lines';
import type { Window } from '@/db/dashboards/domain-conditions';
import type { DomainFigures, HazardLine, IncidentLine, UnitInDomain } from '@/domain/dashboards/types';
import { listDomains, type DomainRow } from '@/db/reference/reference';
import { activeRatingRuleSet } from '@/db/rule-sets/rating-rule-sets';
import { subtreeUnitIds, type UnitRow } from '@/db/units/units';
import type { Actor, Scope } from '@/domain/auth/actor';
import { ratedYears } from '@/domain/records/date-range';
import type { RatingRuleSet } from '@/domain/rating/rule-set';
import type { Level } from '@/domain/reference/level-codes';
import { DAY_MS, shanghaiDate, shanghaiMonth, shanghaiYear, yearStart } from '@/domain/time/shanghai';
import { narrowScope } from '@/domain/auth/narrow-scope';

/** How many rows a domain page's lists show (and export); longer lists link to the filtered record list. */
export const DOMAIN_LIST_LIMIT = 50;
export const TREND_MONTHS = 24;
/** The ranking shows the worst institutes first, this many unless the URL asks for all (`units=all`). */
export const RANKING_LIMIT = 20;

export interface DomainView {
  year: number;
  years: number[];
  /** The branch chosen in the URL (academy-wide viewers only). */
  branch: UnitRow | null;
  /** Branches an academy-wide viewer can choose; empty for everyone else. */
  branches: UnitRow[];
  scope: Scope;
  window: Window;
  ruleSet: RatingRuleSet;
  /** The whole ranking rather than its head (`units=all`). */
  allUnits: boolean;
}

/** The year and branch a domain view is about, from its URL, and the scope its figures are counted in. */
export async function domainView(db: Db, actor: Actor, params: URLSearchParams, now: Date): Promise<DomainView> {
  const years = ratedYears(now);
  const asked = Number(params.get('year'));
  const year = years.includes(asked) ? asked : shanghaiYear(now);
  const branches = actor.scope.all ? await db.select().from(units).where(eq(units.kind, 'branch')).orderBy(asc(units.code)) : [];
  const branch = branches.find((b) => b.code === params.get('branch')) ?? null;
  const scope = branch ? narrowScope(actor.scope, await subtreeUnitIds(db, branch)) : actor.scope;
  return {
    year,
    years,
    branch,
    branches,
    scope,
    window: { from: yearStart(year), to: yearStart(year + 1) },
    ruleSet: await activeRatingRuleSet(db),
    allUnits: params.get('units') === 'all',
  };
}

export interface DomainIndexRow {
  domain: DomainRow;
  figures: DomainFigures;
}

/** Every sensitive domain (also those with nothing this year) with its figures. */
export async function loadDomainIndex(db: Db, view: DomainView, now: Date): Promise<DomainIndexRow[]> {
  const figures = await domainFigures(db, view.scope, view.window, now, view.ruleSet);
  return (await listDomains(db)).map((domain) => ({
    domain,
    figures: figures.get(domain.code) ?? { incidents: 0, serious: 0, hazards: 0, openMajor: 0, overdueMajor: 0, units: 0 },
  }));
}

export interface DomainDetail {
  domain: DomainRow;
  figures: DomainFigures;
}

/** The domain named in a URL, or null when there is no such domain. */
export async function findDomain(db: Db, code: string | null): Promise<DomainRow | null> {
  return (await listDomains(db)).find((d) => d.code === code) ?? null;
}

export async function loadDomainFigures(db: Db, view: DomainView, domain: DomainRow, now: Date): Promise<DomainFigures> {
  return (await loadDomainIndex(db, view, now)).find((r) => r.domain.code === domain.code)!.figures;
}

export interface TrendPoint {
  /** YYYY-MM, Asia/Shanghai. */
  month: string;
  incidents: number;
  hazards: number;
}

/**
 * The 24 months up to the end of the chosen year (this year: up to this month), incidents and hazards per
 * month.
 */
export async function loadDomainTrend(db: Db, view: DomainView, domain: DomainRow, now: Date): Promise<TrendPoint[]> {
  let endYear = view.year;
  let endMonth = 12;
  if (view.year === shanghaiYear(now)) {
    const [y, m] = shanghaiMonth(now).split('-').map(Number) as [number, number];
    endYear = y;
    endMonth = m;
  }
  const bounds: Date[] = [];
  for (let i = TREND_MONTHS; i >= 0; i--) {
    const index = endYear * 12 + (endMonth - 1) + 1 - i; // the month after the last, minus i
    bounds.push(shanghaiDate(Math.floor(index / 12), (index % 12) + 1, 1));
  }
  return (await domainMonthlyCounts(db, view.scope, domain.code, bounds)).map((c) => ({
    month: shanghaiMonth(bounds[c.month]!),
    incidents: c.incidents,
    hazards: c.hazards,
  }));
}

/**
 * Institutes involved in the domain this year, worst first: by points, then serious incidents, then records.
 * `rows` holds the first RANKING_LIMIT unless the view asks for all; `total` counts them all.
 */
export async function loadDomainRanking(db: Db, view: DomainView, domain: DomainRow): Promise<{ rows: UnitInDomain[]; total: number }> {
  const all = rankDomainUnits(await domainUnits(db, view.scope, domain.code, view.window, view.ruleSet));
  return { rows: view.allUnits ? all : all.slice(0, RANKING_LIMIT), total: all.length };
}

function rankDomainUnits(units: UnitInDomain[]): UnitInDomain[] {
  return units.sort(
    (a, b) =>
      b.points - a.points ||
      b.serious - a.serious ||
      b.incidents + b.hazards - (a.incidents + a.hazards) ||
      b.openMajor - a.openMajor ||
      a.code.localeCompare(b.code),
  );
}

export function loadDomainSerious(db: Db, view: DomainView, domain: DomainRow): Promise<{ rows: IncidentLine[]; total: number }> {
  return incidentLines(
    db,
    view.scope,
    { domain: domain.code, window: view.window, serious: true, currentOnly: true, limit: DOMAIN_LIST_LIMIT },
    view.ruleSet,
  );
}

export function loadDomainOpenMajor(db: Db, view: DomainView, domain: DomainRow): Promise<{ rows: HazardLine[]; total: number }> {
  return openHazardLines(db, view.scope, { domain: domain.code, severity: 'major', limit: DOMAIN_LIST_LIMIT });
}

export function loadDomainLevels(db: Db, view: DomainView, domain: DomainRow): Promise<Record<Level, number>> {
  return assessmentLevelMix(db, view.scope, domain.code, view.window);
}

/**
 * Days past due at `now` (positive; a started day counts, so one hour late is 1 day overdue), or minus the
 * whole days left before it (0: due within a day).
 */
export function daysOverdue(dueAt: Date, now: Date): number {
  const ms = now.getTime() - dueAt.getTime();
  return ms > 0 ? Math.ceil(ms / DAY_MS) : 0 - Math.floor(-ms / DAY_MS) || 0;
}
