import { and, count, desc, eq, gte, isNull, lt, ne, or, sql } from 'drizzle-orm';
import type { Queryable } from '../tx';
import { first, rawAll } from '../engine';
import { alerts, bulletins, hazards, incidents, units } from '../schema';
import type { RatingRuleSet } from '@/domain/rating/rule-set';
import type { InstituteNames } from '@/domain/bulletins/types';
import type { Level } from '@/domain/reference/level-codes';
import { effectiveTierSql } from '@/db/records/effective-tier-sql';
import { selectedColumn } from '@/db/sql/dialect';

// Reads for the monthly bulletin (features/bulletins/build.ts) and its archive. The bulletin is built
// academy-wide, per institute; scoping happens when it is viewed (domain/bulletins/view.ts).

export interface StoredBulletin {
  id: number;
  month: string;
  generatedAt: Date;
  body: unknown;
}

/** Stores month M's bulletin unless one exists; returns whether this call stored it. Never overwrites. */
export async function insertBulletin(q: Queryable, month: string, body: unknown, generatedAt: Date): Promise<boolean> {
  return (await q.insert(bulletins).values({ month, body, generatedAt }).onConflictDoNothing()).changes === 1;
}

export async function bulletinByMonth(q: Queryable, month: string): Promise<StoredBulletin | undefined> {
  return first(await q.select().from(bulletins).where(eq(bulletins.month, month)).limit(1));
}

export async function latestBulletinMonth(q: Queryable): Promise<string | undefined> {
  return first(await q.select({ month: bulletins.month }).from(bulletins).orderBy(desc(bulletins.month)).limit(1))?.month;
}

/** The archive, newest first: month and generation time only (bodies are read one at a time). */
export async function listBulletins(
  q: Queryable,
  page: number,
  perPage: number,
): Promise<{ rows: { month: string; generatedAt: Date }[]; total: number }> {
  const total = first(await q.select({ n: count() }).from(bulletins))?.n ?? 0;
  const rows = await q
    .select({ month: bulletins.month, generatedAt: bulletins.generatedAt })
    .from(bulletins)
    .orderBy(desc(bulletins.month))
    .limit(perPage)
    .offset((page - 1) * perPage);
  return { rows, total };
}

/** New incidents that occurred in [from, to), per institute and effective tier; withdrawn ones excluded. */
export async function incidentsByInstituteAndTier(q: Queryable, ruleSet: RatingRuleSet, from: Date, to: Date) {
  const tier = effectiveTierSql(ruleSet);
  return (
    q
      .select({ instituteId: incidents.instituteId, tier, n: count() })
      .from(incidents)
      .where(and(gte(incidents.occurredAt, from), lt(incidents.occurredAt, to), ne(incidents.status, 'withdrawn')))
      // The tier by position: its CASE holds the rule set's thresholds as bound values (db/sql/dialect.ts).
      .groupBy(incidents.instituteId, selectedColumn(2))
  );
}

/** New hazards found in [from, to), per institute and severity; withdrawn ones excluded. */
export async function hazardsByInstituteAndSeverity(q: Queryable, from: Date, to: Date) {
  return q
    .select({ instituteId: hazards.instituteId, severity: hazards.severity, n: count() })
    .from(hazards)
    .where(and(gte(hazards.foundAt, from), lt(hazards.foundAt, to), ne(hazards.status, 'withdrawn')))
    .groupBy(hazards.instituteId, hazards.severity);
}

/** Hazards overdue at instant `at`: found and due before it, not rectified by it, not withdrawn. */
export async function overdueHazardsAt(q: Queryable, at: Date) {
  return q
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
    .groupBy(hazards.instituteId, hazards.severity);
}

/** Incidents (by occurrence) and hazards (by finding) in [from, to), per institute and domain. */
export async function domainCountsByInstitute(q: Queryable, from: Date, to: Date) {
  const inc = await q
    .select({ instituteId: incidents.instituteId, domain: incidents.domain, n: count() })
    .from(incidents)
    .where(and(gte(incidents.occurredAt, from), lt(incidents.occurredAt, to), ne(incidents.status, 'withdrawn')))
    .groupBy(incidents.instituteId, incidents.domain);
  const haz = await q
    .select({ instituteId: hazards.instituteId, domain: hazards.domain, n: count() })
    .from(hazards)
    .where(and(gte(hazards.foundAt, from), lt(hazards.foundAt, to), ne(hazards.status, 'withdrawn')))
    .groupBy(hazards.instituteId, hazards.domain);
  return { incidents: inc, hazards: haz };
}

/** Institutes by id with their branch (their parent when it is a branch). */
export async function institutesWithBranch(q: Queryable, ids: number[]): Promise<({ id: number } & InstituteNames)[]> {
  if (ids.length === 0) return [];
  return rawAll<{ id: number } & InstituteNames>(
    q,
    sql`SELECT u.id, u.code, u.name, u.name_en AS "nameEn", b.id AS "branchId", b.code AS "branchCode", b.name AS "branchName", b.name_en AS "branchNameEn"
       FROM units u LEFT JOIN units b ON b.id = u.parent_id AND b.kind = 'branch'
       WHERE u.id IN (${sql.join(
         ids.map((id) => sql`${id}`),
         sql`, `,
       )})`,
  );
}

/** Alerts fired in [from, to), oldest first, with their unit's code and names. */
export async function alertsFiredBetween(q: Queryable, from: Date, to: Date) {
  return q
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
    .orderBy(alerts.firedAt, alerts.id);
}
