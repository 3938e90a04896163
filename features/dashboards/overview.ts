import type { Db } from '@/db/client';
import { latestAlerts } from '@/db/alerts/alerts';
import { monthDomainCounts } from '@/db/dashboards/heatmaps';
import {
  countRecordsByKind,
  hazardsBySeverity,
  hazardStatus,
  incidentsByDomainAndTier,
  levelDistribution,
  levelRises,
  newestAlertId,
} from '@/db/dashboards/overview';
import { ratingYearSummary } from '@/db/rating/ratings';
import { countUnitsByKind } from '@/db/units/units';
import type { Scope } from '@/domain/auth/actor';
import { ensureYearRatings } from '@/features/rating/year-ratings';
import { HOUR_MS, shanghaiDate, shanghaiYear, yearStart } from '@/domain/time/shanghai';
import { lastMonths, yearWindow } from '@/domain/dashboards/filters';
import { dataVersion, memo, scopeKey } from '@/features/dashboards/memo';

// The overview's cards, each one function of (scope, now) memoised like the heatmaps, so that one slow card
// never holds the others and a second viewer pays nothing until records change.

const cached = async <T>(
  db: Db,
  scope: Scope,
  now: Date,
  what: string,
  compute: () => Promise<T>,
  clock: 'minute' | 'day' = 'day',
): Promise<T> => memo(`overview|${what}|${scopeKey(scope)}`, await dataVersion(db, now, clock), compute);

/**
 * The same stretch of last year: 1 January through the end of the same calendar day one year earlier (29
 * February becomes 1 March), in Beijing time, as this year's runs through the end of today.
 */
export function samePeriodLastYear(now: Date): { from: Date; to: Date } {
  const local = new Date(now.getTime() + 8 * HOUR_MS);
  const year = local.getUTCFullYear() - 1;
  const leapDay = local.getUTCMonth() === 1 && local.getUTCDate() === 29;
  const endOfDay = shanghaiDate(year, leapDay ? 3 : local.getUTCMonth() + 1, leapDay ? 1 : local.getUTCDate());
  return { from: yearStart(year), to: new Date(endOfDay.getTime() + 24 * HOUR_MS) };
}

/** Year to date as the record lists count it: through the end of today (Beijing time). */
const ytdEnd = (now: Date) => yearWindow(shanghaiYear(now), now).to;

export function incidentsYearToDate(db: Db, scope: Scope, now: Date) {
  return cached(db, scope, now, 'incidents', async () => {
    const year = shanghaiYear(now);
    const last = samePeriodLastYear(now);
    const byTier = (cells: { tier: number; n: number }[]) =>
      [1, 2, 3, 4].map((tier) => cells.filter((c) => c.tier === tier).reduce((s, c) => s + c.n, 0));
    const cells = await incidentsByDomainAndTier(db, scope, yearStart(year), ytdEnd(now));
    return { cells, tiers: byTier(cells), lastTiers: byTier(await incidentsByDomainAndTier(db, scope, last.from, last.to)) };
  });
}

export function hazardsYearToDate(db: Db, scope: Scope, now: Date) {
  return cached(db, scope, now, 'hazards', async () => {
    const last = samePeriodLastYear(now);
    return {
      now: await hazardsBySeverity(db, scope, yearStart(shanghaiYear(now)), ytdEnd(now)),
      last: await hazardsBySeverity(db, scope, last.from, last.to),
    };
  });
}

/** Open, overdue and major overdue rectifications: compared with now, so kept for a minute only. */
export function hazardsOpenAndOverdue(db: Db, scope: Scope, now: Date) {
  return cached(db, scope, now, 'hazard-status', () => hazardStatus(db, scope, now), 'minute');
}

/** This year's provisional levels and last year's settled ones (published if published, else final). */
export async function levelsThisAndLastYear(db: Db, scope: Scope, now: Date) {
  const year = shanghaiYear(now);
  // Which stored ratings stand for each year (features/rating/year-ratings.ts): the levels are read from them.
  await ensureYearRatings(db, year, now);
  const lastStatus = (await ensureYearRatings(db, year - 1, now)) ?? 'final';
  return cached(db, scope, now, 'levels', async () => {
    const settled = (await ratingYearSummary(db, year - 1)).published > 0 ? 'published' : lastStatus;
    return {
      year,
      lastStatus: settled,
      now: await levelDistribution(db, scope, year, 'provisional'),
      last: await levelDistribution(db, scope, year - 1, settled),
      rises: await levelRises(db, scope, year, 'provisional', settled),
    };
  });
}

/** Incidents and hazards per domain and month over the last 12 months. */
export function monthlyTrend(db: Db, scope: Scope, now: Date) {
  return cached(db, scope, now, 'trend', async () => {
    const months = lastMonths(now, 12);
    const from = months[0]!.from;
    const to = months[months.length - 1]!.to;
    return {
      months,
      incidents: await monthDomainCounts(db, scope, 'incidents', from, to),
      hazards: await monthDomainCounts(db, scope, 'hazards', from, to),
    };
  });
}

export async function newestAlerts(db: Db, scope: Scope, now: Date, limit = 6) {
  // Alerts are stored by jobs outside the audited write path, so their newest id is part of the key.
  const newest = await newestAlertId(db);
  return cached(db, scope, now, `alerts-${limit}-${newest}`, async () => latestAlerts(db, scope, limit));
}

export function recordAndUnitCounts(db: Db, scope: Scope, now: Date) {
  return cached(db, scope, now, 'counts', async () => ({
    records: await countRecordsByKind(db, scope),
    units: await countUnitsByKind(db, scope),
  }));
}
