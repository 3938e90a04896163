import { getDb } from '@/db/client';
import { listDomains } from '@/db/reference/reference';
import { unitKinds } from '@/db/schema';
import type { Actor } from '@/domain/auth/actor';
import { yearWindow } from '@/domain/dashboards/filters';
import { recordKindCodes, type RecordKind } from '@/domain/records/kinds';
import { shanghaiYear } from '@/domain/time/shanghai';
import {
  hazardsOpenAndOverdue,
  hazardsYearToDate,
  incidentsYearToDate,
  levelsThisAndLastYear,
  monthlyTrend,
  newestAlerts,
  recordAndUnitCounts,
  samePeriodLastYear,
} from '@/features/dashboards/overview';

// What each overview card shows, one promise per card. The page starts them all and hands each to its
// card, which awaits it inside its own Suspense boundary: the page's frame streams first and one slow card
// (the twelve months' trend computed cold after a change, say) never holds the others.

/**
 * The engine's statements still run on this thread (SQLite is synchronous underneath): start a card's
 * queries on the next turn, after the frame is out.
 */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

async function view<T>(load: () => Promise<T>): Promise<T> {
  await nextTurn();
  return load();
}

/** A reference row's code and names, as localName reads them. */
export interface ReferenceName {
  code: string;
  nameZh: string;
  nameEn: string | null;
}

export type LevelsView = Awaited<ReturnType<typeof levelsThisAndLastYear>>;
export type AlertsView = Awaited<ReturnType<typeof newestAlerts>>;

export interface YearToDateView {
  incidents: Awaited<ReturnType<typeof incidentsYearToDate>>;
  hazards: Awaited<ReturnType<typeof hazardsYearToDate>>;
  rectification: Awaited<ReturnType<typeof hazardsOpenAndOverdue>>;
  /** This year's window (the record lists' from/to days). */
  window: { fromDay: string; toDay: string };
  /** The last day last year's stretch includes (it ends at the start of the next). */
  lastTo: string;
}

export interface TrendView {
  trend: Awaited<ReturnType<typeof monthlyTrend>>;
  domains: ReferenceName[];
}

export interface FiguresView {
  units: { kind: (typeof unitKinds)[number]; n: number }[];
  records: { kind: RecordKind; n: number }[];
  institutes: number;
  rectification: Awaited<ReturnType<typeof hazardsOpenAndOverdue>>;
  cells: Awaited<ReturnType<typeof incidentsYearToDate>>['cells'];
  domains: ReferenceName[];
}

export interface OverviewViews {
  levels: Promise<LevelsView>;
  yearToDate: Promise<YearToDateView>;
  alerts: Promise<AlertsView>;
  trend: Promise<TrendView>;
  figures: Promise<FiguresView>;
}

/** Starts every card's view for a viewer at `now`. */
export function overviewViews(actor: Actor, now: Date = new Date()): OverviewViews {
  const scope = actor.scope;
  const db = () => getDb();
  return {
    levels: view(() => levelsThisAndLastYear(db(), scope, now)),
    yearToDate: view(() => yearToDateView(actor, now)),
    alerts: view(() => newestAlerts(db(), scope, now)),
    trend: view(async () => ({ trend: await monthlyTrend(db(), scope, now), domains: await listDomains(db()) })),
    figures: view(() => figuresView(actor, now)),
  };
}

async function yearToDateView(actor: Actor, now: Date): Promise<YearToDateView> {
  const db = getDb();
  const w = yearWindow(shanghaiYear(now), now);
  const last = samePeriodLastYear(now);
  return {
    incidents: await incidentsYearToDate(db, actor.scope, now),
    hazards: await hazardsYearToDate(db, actor.scope, now),
    rectification: await hazardsOpenAndOverdue(db, actor.scope, now),
    window: { fromDay: w.fromDay, toDay: w.toDay },
    lastTo: new Date(last.to.getTime() - 16 * 3_600_000).toISOString().slice(0, 10),
  };
}

async function figuresView(actor: Actor, now: Date): Promise<FiguresView> {
  const db = getDb();
  const { units, records } = await recordAndUnitCounts(db, actor.scope, now);
  const rectification = await hazardsOpenAndOverdue(db, actor.scope, now);
  const { cells } = await incidentsYearToDate(db, actor.scope, now);
  return {
    units: unitKinds.map((kind) => ({ kind, n: units[kind] })),
    records: recordKindCodes.map((kind) => ({ kind, n: records[kind] })),
    institutes: units.institute,
    rectification,
    cells,
    domains: await listDomains(db),
  };
}
