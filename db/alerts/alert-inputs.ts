import { inArray, sql } from 'drizzle-orm';
import type { Queryable } from '../tx';
import { rawAll } from '../engine';
import type { AlertFacts, RatingFact, UnitInfo } from '@/domain/alerts/types';
import { domains, units } from '../schema';
import type { Tier } from '@/domain/rating/types';
import { DAY_MS, shanghaiYear, yearStart } from '@/domain/time/shanghai';

const d = (ms: number | null) => (ms === null ? null : new Date(ms));

/** Every unit's code and names, for the alerts' messages. */
export async function unitInfos(q: Queryable, ids?: readonly number[]): Promise<Map<number, UnitInfo>> {
  const cols = { id: units.id, code: units.code, name: units.name, nameEn: units.nameEn };
  const rows = ids
    ? await q
        .select(cols)
        .from(units)
        .where(inArray(units.id, [...ids]))
    : await q.select(cols).from(units);
  return new Map(rows.map((u) => [u.id, u]));
}

export async function domainNames(q: Queryable): Promise<Map<string, { zh: string; en: string }>> {
  const rows = await q.select({ code: domains.code, zh: domains.nameZh, en: domains.nameEn }).from(domains);
  return new Map(rows.map((r) => [r.code, { zh: r.zh, en: r.en }]));
}

/** This year's stored provisional ratings (refreshed by the caller first). */
export function provisionalRatingFacts(q: Queryable, year: number): Promise<RatingFact[]> {
  return rawAll<RatingFact>(
    q,
    sql`SELECT institute_id AS "instituteId", year, level, points FROM ratings WHERE year = ${year} AND status = 'provisional'`,
  );
}

/**
 * What the alert rules look at, as of instant T: incidents of T's year (and any recorded in the last 30
 * days), hazards past due and not rectified at T, assessments waiting for review, unfinished ethics
 * registrations, last year's annual reports, and the incidents + hazards from `eventsFrom` (the months
 * domain.surge compares: `surgeEventsFrom` in domain/alerts/rules/domain-surge.ts). Ratings come from the
 * caller (stored provisional ones, or computed at T). One query per kind of fact, each below, one after
 * another: a caller that wants them all from one state of the records runs this in `db.snapshot`.
 */
export async function loadAlertFacts(q: Queryable, asOf: Date, eventsFrom: Date, ratings: RatingFact[]): Promise<AlertFacts> {
  const t = asOf.getTime();
  const year = shanghaiYear(asOf);
  return {
    units: await unitInfos(q),
    domains: await domainNames(q),
    incidents: await incidentFacts(q, year, t),
    hazards: await overdueHazardFacts(q, t),
    assessments: await waitingAssessmentFacts(q, t),
    ratings,
    committees: await committeeFacts(q, t),
    activities: await unregisteredActivityFacts(q, t),
    annualReports: await annualReportFacts(q, year - 1),
    events: await surgeEvents(q, eventsFrom.getTime(), t),
  };
}

/** Incidents of the year up to T, and any recorded in the 30 days before T (a late report of last year). */
async function incidentFacts(q: Queryable, year: number, t: number): Promise<AlertFacts['incidents']> {
  const columns = sql.raw(
    'id, external_id AS "externalId", unit_id AS "unitId", domain, tier, deaths, serious_injuries AS "seriousInjuries", ' +
      'direct_loss_cny AS "directLossCny", occurred_at AS "occurredAt", status',
  );
  const rows = await rawAll<{
    id: number;
    externalId: string;
    unitId: number;
    domain: string;
    tier: number;
    deaths: number;
    seriousInjuries: number;
    directLossCny: number;
    occurredAt: number;
    status: string;
  }>(
    q,
    sql`SELECT ${columns} FROM incidents
       WHERE occurred_at >= ${yearStart(year).getTime()} AND occurred_at < ${t}
       UNION
       SELECT ${columns} FROM incidents
       WHERE created_at >= ${t - 30 * DAY_MS} AND created_at <= ${t}`,
  );
  return rows.map((r) => ({
    id: r.id,
    externalId: r.externalId,
    unitId: r.unitId,
    domain: r.domain,
    tier: r.tier as Tier,
    deaths: r.deaths,
    seriousInjuries: r.seriousInjuries,
    directLossCny: r.directLossCny,
    occurredAt: new Date(r.occurredAt),
    withdrawn: r.status === 'withdrawn',
  }));
}

/** Hazards found before T, past due and not rectified at T. */
async function overdueHazardFacts(q: Queryable, t: number): Promise<AlertFacts['hazards']> {
  const rows = await rawAll<{
    id: number;
    externalId: string;
    unitId: number;
    domain: string;
    severity: 'general' | 'major';
    dueAt: number;
    rectifiedAt: number | null;
    instituteId: number | null;
  }>(
    q,
    sql`SELECT id, external_id AS "externalId", unit_id AS "unitId", domain, severity, due_at AS "dueAt", rectified_at AS "rectifiedAt",
         institute_id AS "instituteId" FROM hazards
       WHERE due_at < ${t} AND (rectified_at IS NULL OR rectified_at > ${t}) AND status != 'withdrawn' AND found_at < ${t}`,
  );
  return rows.map((r) => ({
    id: r.id,
    externalId: r.externalId,
    unitId: r.unitId,
    instituteId: r.instituteId ?? r.unitId,
    domain: r.domain,
    severity: r.severity,
    dueAt: new Date(r.dueAt),
    rectifiedAt: d(r.rectifiedAt),
    withdrawn: false,
  }));
}

/** Assessments submitted before T and still waiting for review. */
async function waitingAssessmentFacts(q: Queryable, t: number): Promise<AlertFacts['assessments']> {
  const rows = await rawAll<{ id: number; externalId: string; unitId: number; status: string; submittedAt: number | null }>(
    q,
    sql`SELECT id, external_id AS "externalId", unit_id AS "unitId", status, submitted_at AS "submittedAt" FROM assessments
       WHERE status = 'submitted' AND submitted_at < ${t}`,
  );
  return rows.map((r) => ({ id: r.id, externalId: r.externalId, unitId: r.unitId, status: r.status, submittedAt: d(r.submittedAt) }));
}

/** Ethics committees established before T (registered or not: the rule looks at the deadline). */
async function committeeFacts(q: Queryable, t: number): Promise<AlertFacts['committees']> {
  const rows = await rawAll<{
    id: number;
    externalId: string;
    unitId: number;
    instituteId: number;
    establishedAt: number;
    registeredAt: number | null;
    dissolvedAt: number | null;
  }>(
    q,
    sql`SELECT id, external_id AS "externalId", unit_id AS "unitId", institute_id AS "instituteId", established_at AS "establishedAt",
         registered_at AS "registeredAt", dissolved_at AS "dissolvedAt" FROM ethics_committees
       WHERE status != 'withdrawn' AND established_at < ${t}`,
  );
  return rows.map((r) => ({
    id: r.id,
    externalId: r.externalId,
    unitId: r.unitId,
    instituteId: r.instituteId,
    establishedAt: new Date(r.establishedAt),
    registeredAt: d(r.registeredAt),
    dissolvedAt: d(r.dissolvedAt),
    withdrawn: false,
  }));
}

/** Ethics activities approved before T and not registered at T. */
async function unregisteredActivityFacts(q: Queryable, t: number): Promise<AlertFacts['activities']> {
  const rows = await rawAll<{ id: number; externalId: string; unitId: number; approvedAt: number; registeredAt: number | null }>(
    q,
    sql`SELECT id, external_id AS "externalId", unit_id AS "unitId", approved_at AS "approvedAt", registered_at AS "registeredAt"
       FROM ethics_activities
       WHERE status != 'withdrawn' AND approved_at < ${t} AND (registered_at IS NULL OR registered_at > ${t})`,
  );
  return rows.map((r) => ({
    id: r.id,
    externalId: r.externalId,
    unitId: r.unitId,
    approvedAt: new Date(r.approvedAt),
    registeredAt: d(r.registeredAt),
    withdrawn: false,
  }));
}

/** The ethics annual reports of a year. */
async function annualReportFacts(q: Queryable, year: number): Promise<AlertFacts['annualReports']> {
  const rows = await rawAll<{ instituteId: number; year: number; submittedAt: number }>(
    q,
    sql`SELECT institute_id AS "instituteId", year, submitted_at AS "submittedAt" FROM ethics_annual_reports
       WHERE status != 'withdrawn' AND year = ${year}`,
  );
  return rows.map((r) => ({ instituteId: r.instituteId, year: r.year, submittedAt: new Date(r.submittedAt), withdrawn: false }));
}

/** Every incident and hazard in [from, t), by domain and instant (domain.surge counts them by month). */
async function surgeEvents(q: Queryable, from: number, t: number): Promise<AlertFacts['events']> {
  const rows = await rawAll<{ domain: string; at: number }>(
    q,
    sql`SELECT domain, occurred_at AS at FROM incidents WHERE occurred_at >= ${from} AND occurred_at < ${t} AND status != 'withdrawn'
       UNION ALL
       SELECT domain, found_at FROM hazards WHERE found_at >= ${from} AND found_at < ${t} AND status != 'withdrawn'`,
  );
  return rows.map((r) => ({ domain: r.domain, at: new Date(r.at) }));
}
