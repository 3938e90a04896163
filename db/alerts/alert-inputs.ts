import { inArray } from 'drizzle-orm';
import type { Db } from '../client';
import type { SyncQueryable as Reader } from '../tx';
import type { AlertFacts, RatingFact, UnitInfo } from '@/domain/alerts/types';
import { domains, units } from '../schema';
import type { Tier } from '@/domain/rating/types';
import { DAY_MS, shanghaiYear, yearStart } from '@/domain/time/shanghai';

const d = (ms: number | null) => (ms === null ? null : new Date(ms));

/** Every unit's code and names, for the alerts' messages. */
export function unitInfos(db: Reader, ids?: readonly number[]): Map<number, UnitInfo> {
  const cols = { id: units.id, code: units.code, name: units.name, nameEn: units.nameEn };
  const rows = ids
    ? db
        .select(cols)
        .from(units)
        .where(inArray(units.id, [...ids]))
        .all()
    : db.select(cols).from(units).all();
  return new Map(rows.map((u) => [u.id, u]));
}

export function domainNames(db: Reader): Map<string, { zh: string; en: string }> {
  const rows = db.select({ code: domains.code, zh: domains.nameZh, en: domains.nameEn }).from(domains).all();
  return new Map(rows.map((r) => [r.code, { zh: r.zh, en: r.en }]));
}

/** This year's stored provisional ratings (refreshed by the caller first). */
export function provisionalRatingFacts(db: Db, year: number): RatingFact[] {
  return db.$client
    .prepare(`SELECT institute_id AS instituteId, year, level, points FROM ratings WHERE year = ? AND status = 'provisional'`)
    .all(year) as RatingFact[];
}

/**
 * What the alert rules look at, as of instant T: incidents of T's year (and any recorded in the last 30
 * days), hazards past due and not rectified at T, assessments waiting for review, unfinished ethics
 * registrations, last year's annual reports, and the incidents + hazards from `eventsFrom` (the months
 * domain.surge compares: `surgeEventsFrom` in domain/alerts/rules/domain-surge.ts). Ratings come from the
 * caller (stored provisional ones, or computed at T). One query per kind of fact, each below.
 */
export function loadAlertFacts(db: Db, asOf: Date, eventsFrom: Date, ratings: RatingFact[]): AlertFacts {
  const c = db.$client;
  const t = asOf.getTime();
  const year = shanghaiYear(asOf);
  return {
    units: unitInfos(db),
    domains: domainNames(db),
    incidents: incidentFacts(c, year, t),
    hazards: overdueHazardFacts(c, t),
    assessments: waitingAssessmentFacts(c, t),
    ratings,
    committees: committeeFacts(c, t),
    activities: unregisteredActivityFacts(c, t),
    annualReports: annualReportFacts(c, year - 1),
    events: surgeEvents(c, eventsFrom.getTime(), t),
  };
}

type Client = Db['$client'];

/** Incidents of the year up to T, and any recorded in the 30 days before T (a late report of last year). */
function incidentFacts(c: Client, year: number, t: number): AlertFacts['incidents'] {
  const rows = c
    .prepare(
      `SELECT id, external_id, unit_id, domain, tier, deaths, serious_injuries, direct_loss_cny, occurred_at, status FROM incidents
       WHERE occurred_at >= ? AND occurred_at < ?
       UNION
       SELECT id, external_id, unit_id, domain, tier, deaths, serious_injuries, direct_loss_cny, occurred_at, status FROM incidents
       WHERE created_at >= ? AND created_at <= ?`,
    )
    .raw()
    .all(yearStart(year).getTime(), t, t - 30 * DAY_MS, t) as [
    number,
    string,
    number,
    string,
    number,
    number,
    number,
    number,
    number,
    string,
  ][];
  return rows.map((r) => ({
    id: r[0],
    externalId: r[1],
    unitId: r[2],
    domain: r[3],
    tier: r[4] as Tier,
    deaths: r[5],
    seriousInjuries: r[6],
    directLossCny: r[7],
    occurredAt: new Date(r[8]),
    withdrawn: r[9] === 'withdrawn',
  }));
}

/** Hazards found before T, past due and not rectified at T. */
function overdueHazardFacts(c: Client, t: number): AlertFacts['hazards'] {
  const rows = c
    .prepare(
      `SELECT id, external_id, unit_id, domain, severity, due_at, rectified_at, institute_id FROM hazards
       WHERE due_at < ? AND (rectified_at IS NULL OR rectified_at > ?) AND status != 'withdrawn' AND found_at < ?`,
    )
    .raw()
    .all(t, t, t) as [number, string, number, string, 'general' | 'major', number, number | null, number | null][];
  return rows.map((r) => ({
    id: r[0],
    externalId: r[1],
    unitId: r[2],
    instituteId: r[7] ?? r[2],
    domain: r[3],
    severity: r[4],
    dueAt: new Date(r[5]),
    rectifiedAt: d(r[6]),
    withdrawn: false,
  }));
}

/** Assessments submitted before T and still waiting for review. */
function waitingAssessmentFacts(c: Client, t: number): AlertFacts['assessments'] {
  const rows = c
    .prepare(`SELECT id, external_id, unit_id, status, submitted_at FROM assessments WHERE status = 'submitted' AND submitted_at < ?`)
    .raw()
    .all(t) as [number, string, number, string, number | null][];
  return rows.map((r) => ({ id: r[0], externalId: r[1], unitId: r[2], status: r[3], submittedAt: d(r[4]) }));
}

/** Ethics committees established before T (registered or not: the rule looks at the deadline). */
function committeeFacts(c: Client, t: number): AlertFacts['committees'] {
  const rows = c
    .prepare(
      `SELECT id, external_id, unit_id, institute_id, established_at, registered_at, dissolved_at FROM ethics_committees
       WHERE status != 'withdrawn' AND established_at < ?`,
    )
    .raw()
    .all(t) as [number, string, number, number, number, number | null, number | null][];
  return rows.map((r) => ({
    id: r[0],
    externalId: r[1],
    unitId: r[2],
    instituteId: r[3],
    establishedAt: new Date(r[4]),
    registeredAt: d(r[5]),
    dissolvedAt: d(r[6]),
    withdrawn: false,
  }));
}

/** Ethics activities approved before T and not registered at T. */
function unregisteredActivityFacts(c: Client, t: number): AlertFacts['activities'] {
  const rows = c
    .prepare(
      `SELECT id, external_id, unit_id, approved_at, registered_at FROM ethics_activities
       WHERE status != 'withdrawn' AND approved_at < ? AND (registered_at IS NULL OR registered_at > ?)`,
    )
    .raw()
    .all(t, t) as [number, string, number, number, number | null][];
  return rows.map((r) => ({
    id: r[0],
    externalId: r[1],
    unitId: r[2],
    approvedAt: new Date(r[3]),
    registeredAt: d(r[4]),
    withdrawn: false,
  }));
}

/** The ethics annual reports of a year. */
function annualReportFacts(c: Client, year: number): AlertFacts['annualReports'] {
  const rows = c
    .prepare(`SELECT institute_id, year, submitted_at FROM ethics_annual_reports WHERE status != 'withdrawn' AND year = ?`)
    .raw()
    .all(year) as [number, number, number][];
  return rows.map((r) => ({ instituteId: r[0], year: r[1], submittedAt: new Date(r[2]), withdrawn: false }));
}

/** Every incident and hazard in [from, t), by domain and instant (domain.surge counts them by month). */
function surgeEvents(c: Client, from: number, t: number): AlertFacts['events'] {
  const rows = c
    .prepare(
      `SELECT domain, occurred_at FROM incidents WHERE occurred_at >= ? AND occurred_at < ? AND status != 'withdrawn'
       UNION ALL
       SELECT domain, found_at FROM hazards WHERE found_at >= ? AND found_at < ? AND status != 'withdrawn'`,
    )
    .raw()
    .all(from, t, from, t) as [string, number][];
  return rows.map((r) => ({ domain: r[0], at: new Date(r[1]) }));
}
