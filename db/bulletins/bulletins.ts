import { and, count, desc, eq, gte, isNull, lt, ne, or, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { alerts, bulletins, hazards, incidents, units } from '../schema';
import type { RatingRuleSet } from '@/domain/rating/rule-set';
import type { InstituteNames } from '@/domain/bulletins/types';
import type { Level } from '@/domain/reference/level-codes';
import { effectiveTierSql } from '@/db/records/effective-tier-sql';

// Reads for the monthly bulletin (features/bulletins/build.ts) and its archive. The bulletin is built
// academy-wide, per institute; scoping happens when it is viewed (domain/bulletins/view.ts).

export interface StoredBulletin {
  id: number;
  month: string;
  generatedAt: Date;
  body: unknown;
}

/** Stores month M's bulletin unless one exists; returns whether this call stored it. Never overwrites. */
export function insertBulletin(db: Db, month: string, body: unknown, generatedAt: Date): boolean {
  return db.insert(bulletins).values({ month, body, generatedAt }).onConflictDoNothing().run().changes === 1;
}

export function bulletinByMonth(db: Db, month: string): StoredBulletin | undefined {
  return db.select().from(bulletins).where(eq(bulletins.month, month)).get();
}

export function latestBulletinMonth(db: Db): string | undefined {
  return db.select({ month: bulletins.month }).from(bulletins).orderBy(desc(bulletins.month)).limit(1).get()?.month;
}

/** The archive, newest first: month and generation time only (bodies are read one at a time). */
export function listBulletins(db: Db, page: number, perPage: number): { rows: { month: string; generatedAt: Date }[]; total: number } {
  const total = db.select({ n: count() }).from(bulletins).get()?.n ?? 0;
  const rows = db
    .select({ month: bulletins.month, generatedAt: bulletins.generatedAt })
    .from(bulletins)
    .orderBy(desc(bulletins.month))
    .limit(perPage)
    .offset((page - 1) * perPage)
    .all();
  return { rows, total };
}

/** New incidents that occurred in [from, to), per institute and effective tier; withdrawn ones excluded. */
export function incidentsByInstituteAndTier(db: Db, ruleSet: RatingRuleSet, from: Date, to: Date) {
  const tier = effectiveTierSql(ruleSet);
  return db
    .select({ instituteId: incidents.instituteId, tier, n: count() })
    .from(incidents)
    .where(and(gte(incidents.occurredAt, from), lt(incidents.occurredAt, to), ne(incidents.status, 'withdrawn')))
    .groupBy(incidents.instituteId, tier)
    .all();
}

/** New hazards found in [from, to), per institute and severity; withdrawn ones excluded. */
export function hazardsByInstituteAndSeverity(db: Db, from: Date, to: Date) {
  return db
    .select({ instituteId: hazards.instituteId, severity: hazards.severity, n: count() })
    .from(hazards)
    .where(and(gte(hazards.foundAt, from), lt(hazards.foundAt, to), ne(hazards.status, 'withdrawn')))
    .groupBy(hazards.instituteId, hazards.severity)
    .all();
}

/** Hazards overdue at instant `at`: found and due before it, not rectified by it, not withdrawn. */
export function overdueHazardsAt(db: Db, at: Date) {
  return db
    .select({ instituteId: hazards.instituteId, severity: hazards.severity, n: count() })
    .from(hazards)
    .where(
      and(
        lt(hazards.foundAt, at),
        lt(hazards.dueAt, at),
        or(isNull(hazards.rectifiedAt), gte(hazards.rectifiedAt, at)),
        ne(hazards.status, 'withdrawn'),
      ),
    )
    .groupBy(hazards.instituteId, hazards.severity)
    .all();
}

/** Incidents (by occurrence) and hazards (by finding) in [from, to), per institute and domain. */
export function domainCountsByInstitute(db: Db, from: Date, to: Date) {
  const inc = db
    .select({ instituteId: incidents.instituteId, domain: incidents.domain, n: count() })
    .from(incidents)
    .where(and(gte(incidents.occurredAt, from), lt(incidents.occurredAt, to), ne(incidents.status, 'withdrawn')))
    .groupBy(incidents.instituteId, incidents.domain)
    .all();
  const haz = db
    .select({ instituteId: hazards.instituteId, domain: hazards.domain, n: count() })
    .from(hazards)
    .where(and(gte(hazards.foundAt, from), lt(hazards.foundAt, to), ne(hazards.status, 'withdrawn')))
    .groupBy(hazards.instituteId, hazards.domain)
    .all();
  return { incidents: inc, hazards: haz };
}

/** Institutes by id with their branch (their parent when it is a branch). */
export function institutesWithBranch(db: Db, ids: number[]) {
  if (ids.length === 0) return [];
  return db.$client
    .prepare(
      `SELECT u.id, u.code, u.name, u.name_en AS nameEn, b.id AS branchId, b.code AS branchCode, b.name AS branchName, b.name_en AS branchNameEn
       FROM units u LEFT JOIN units b ON b.id = u.parent_id AND b.kind = 'branch'
       WHERE u.id IN (${ids.map(() => '?').join(',')})`,
    )
    .all(...ids) as ({ id: number } & InstituteNames)[];
}

/** Alerts fired in [from, to), oldest first, with their unit's code and names. */
export function alertsFiredBetween(db: Db, from: Date, to: Date) {
  return db
    .select({
      id: alerts.id,
      rule: alerts.rule,
      colour: sql<Level>`${alerts.colour}`,
      unitId: alerts.unitId,
      unitCode: units.code,
      unitName: units.name,
      unitNameEn: units.nameEn,
      domain: alerts.domain,
      messageZh: alerts.messageZh,
      messageEn: alerts.messageEn,
      firedAt: alerts.firedAt,
    })
    .from(alerts)
    .leftJoin(units, eq(units.id, alerts.unitId))
    .where(and(gte(alerts.firedAt, from), lt(alerts.firedAt, to)))
    .orderBy(alerts.firedAt, alerts.id)
    .all();
}
