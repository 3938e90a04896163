import { and, count, eq, inArray, sql } from 'drizzle-orm';
import { alias } from '@/db/sql/alias';
import { integerValue, selectedColumn } from '@/db/sql/dialect';
import type { DbColumn, Queryable } from '../tx';
import { rawAll } from '../engine';
import { assessments, hazards, incidents, units } from '../schema';
import { inScope } from '../scope';
import type { Scope } from '@/domain/auth/actor';
import type { DomainFigures, UnitInDomain } from '@/domain/dashboards/types';
import type { RatingRuleSet } from '@/domain/rating/rule-set';
import { defaultRiskBands } from '@/domain/reference/risk-matrix';
import type { Level } from '@/domain/reference/level-codes';
import { effectiveTierSql } from '@/db/records/effective-tier-sql';
import { assessmentScoreSql, inDomain } from '@/db/records';
import { liveHazards, liveIncidents, num, openHazards, type Window } from './domain-conditions';

// The domain pages' figures: per-domain counts, months, institutes and assessment levels. Each count uses
// the conditions of the record list filter it links to (domain-conditions.ts).

const emptyFigures = (): DomainFigures => ({ incidents: 0, serious: 0, hazards: 0, openMajor: 0, overdueMajor: 0, units: 0 });

/** Each domain's figures for a window (open major hazards: at `now`), within the scope. Domains without any are absent. */
export async function domainFigures(
  q: Queryable,
  scope: Scope,
  w: Window,
  now: Date,
  ruleSet: RatingRuleSet,
): Promise<Map<string, DomainFigures>> {
  const out = new Map<string, DomainFigures>();
  const at = (domain: string) => out.get(domain) ?? out.set(domain, emptyFigures()).get(domain)!;
  const tier = effectiveTierSql(ruleSet);
  for (const r of await q
    .select({ domain: incidents.domain, n: count(), serious: sql<number>`sum(case when ${tier} <= 3 then 1 else 0 end)` })
    .from(incidents)
    .where(liveIncidents(scope, w))
    .groupBy(incidents.domain)) {
    Object.assign(at(r.domain), { incidents: r.n, serious: num(r.serious) });
  }
  for (const r of await q.select({ domain: hazards.domain, n: count() }).from(hazards).where(liveHazards(scope, w)).groupBy(hazards.domain))
    at(r.domain).hazards = r.n;
  for (const r of await q
    .select({
      domain: hazards.domain,
      n: count(),
      overdue: sql<number>`sum(case when ${hazards.dueAt} < ${now.getTime()} then 1 else 0 end)`,
    })
    .from(hazards)
    .where(and(openHazards(scope), eq(hazards.severity, 'major')))
    .groupBy(hazards.domain)) {
    Object.assign(at(r.domain), { openMajor: r.n, overdueMajor: num(r.overdue) });
  }
  // Units involved: institutes with an incident or a hazard of the window in the domain.
  const involved = await rawAll<{ domain: string; n: number }>(
    q,
    sql`
    select d as domain, count(distinct i) as n from (
      select ${incidents.domain} as d, ${incidents.instituteId} as i from ${incidents} where ${liveIncidents(scope, w) ?? sql`1 = 1`}
      union
      select ${hazards.domain} as d, ${hazards.instituteId} as i from ${hazards} where ${liveHazards(scope, w) ?? sql`1 = 1`}
    ) AS involved group by d`,
  );
  for (const r of involved) at(r.domain).units = num(r.n);
  return out;
}

export interface MonthCount {
  month: number;
  incidents: number;
  hazards: number;
}

/**
 * Incidents (by occurrence) and hazards (by finding) of one domain per month; `bounds` are the months'
 * starts plus the end of the last one (Asia/Shanghai months, computed by the caller). The bucket is a CASE
 * over those instants, which every SQL database understands.
 */
export async function domainMonthlyCounts(q: Queryable, scope: Scope, domain: string, bounds: readonly Date[]): Promise<MonthCount[]> {
  const months = bounds.length - 1;
  const out: MonthCount[] = Array.from({ length: months }, (_, month) => ({ month, incidents: 0, hazards: 0 }));
  if (months < 1) return out;
  const w = { from: bounds[0]!, to: bounds[months]! };
  const bucket = (column: DbColumn) =>
    sql<number>`case ${sql.join(
      bounds.slice(1).map((b, i) => sql`when ${column} < ${b.getTime()} then ${integerValue(i)}`),
      sql` `,
    )} end`;
  const counted = [
    { kind: 'incidents', table: incidents, when: incidents.occurredAt, where: and(liveIncidents(scope, w), eq(incidents.domain, domain)) },
    { kind: 'hazards', table: hazards, when: hazards.foundAt, where: and(liveHazards(scope, w), eq(hazards.domain, domain)) },
  ] as const;
  for (const c of counted) {
    const month = bucket(c.when);
    // By position: the CASE holds bound values (dialect.ts, selectedColumn).
    for (const r of await q.select({ month, n: count() }).from(c.table).where(c.where).groupBy(selectedColumn(1)))
      out[num(r.month)]![c.kind] = r.n;
  }
  return out;
}

/** The institutes with incidents or hazards of one domain in the window, with their figures (unsorted). */
export async function domainUnits(q: Queryable, scope: Scope, domain: string, w: Window, ruleSet: RatingRuleSet): Promise<UnitInDomain[]> {
  const tier = effectiveTierSql(ruleSet);
  const tp = ruleSet.incidents.tierPoints;
  const hp = ruleSet.hazards.foundPoints;
  const figures = new Map<number, Omit<UnitInDomain, 'code' | 'name' | 'nameEn' | 'branchCode' | 'branchName' | 'branchNameEn'>>();
  const at = (id: number) =>
    figures.get(id) ??
    figures.set(id, { instituteId: id, incidents: 0, serious: 0, hazards: 0, majorHazards: 0, openMajor: 0, points: 0 }).get(id)!;
  for (const r of await q
    .select({
      id: incidents.instituteId,
      n: count(),
      serious: sql<number>`sum(case when ${tier} <= 3 then 1 else 0 end)`,
      points: sql<number>`sum(case ${tier} when 1 then ${integerValue(tp.I)} when 2 then ${integerValue(tp.II)} when 3 then ${integerValue(tp.III)} else ${integerValue(tp.IV)} end)`,
    })
    .from(incidents)
    .where(and(liveIncidents(scope, w), eq(incidents.domain, domain)))
    .groupBy(incidents.instituteId)) {
    const u = at(r.id);
    u.incidents = r.n;
    u.serious = num(r.serious);
    u.points += num(r.points);
  }
  for (const r of await q
    .select({
      id: hazards.instituteId,
      n: count(),
      major: sql<number>`sum(case when ${hazards.severity} = 'major' then 1 else 0 end)`,
    })
    .from(hazards)
    .where(and(liveHazards(scope, w), eq(hazards.domain, domain)))
    .groupBy(hazards.instituteId)) {
    const u = at(r.id);
    u.hazards = r.n;
    u.majorHazards = num(r.major);
    u.points += u.majorHazards * hp.major + (r.n - u.majorHazards) * hp.general;
  }
  for (const r of await q
    .select({ id: hazards.instituteId, n: count() })
    .from(hazards)
    .where(and(openHazards(scope), eq(hazards.severity, 'major'), eq(hazards.domain, domain)))
    .groupBy(hazards.instituteId)) {
    // Only institutes active in the window are ranked; an old open hazard alone does not add a row.
    if (figures.has(r.id)) at(r.id).openMajor = r.n;
  }
  if (figures.size === 0) return [];
  const branch = alias(units, 'branch');
  const names = await q
    .select({
      id: units.id,
      code: units.code,
      name: units.name,
      nameEn: units.nameEn,
      branchCode: branch.code,
      branchName: branch.name,
      branchNameEn: branch.nameEn,
    })
    .from(units)
    .leftJoin(branch, and(eq(branch.id, units.parentId), eq(branch.kind, 'branch')))
    .where(inArray(units.id, [...figures.keys()]));
  return names.map(({ id, ...n }) => ({ ...figures.get(id)!, ...n }));
}

/** Approved assessments submitted in the window, of projects in the domain, by overall level. */
export async function assessmentLevelMix(q: Queryable, scope: Scope, domain: string, w: Window): Promise<Record<Level, number>> {
  const when = sql`coalesce(${assessments.submittedAt}, ${assessments.createdAt})`;
  const level = sql<Level | null>`case ${sql.join(
    defaultRiskBands.map((b) => sql`when ${assessmentScoreSql} between ${b.min} and ${b.max} then ${b.level}`),
    sql` `,
  )} end`;
  const out: Record<Level, number> = { blue: 0, yellow: 0, orange: 0, red: 0 };
  for (const r of await q
    .select({ level, n: count() })
    .from(assessments)
    .where(
      and(
        inScope(assessments.unitId, scope),
        eq(assessments.status, 'approved'),
        inDomain('assessments', domain),
        sql`${when} >= ${w.from.getTime()}`,
        sql`${when} < ${w.to.getTime()}`,
      ),
    )
    .groupBy(selectedColumn(1))) {
    if (r.level) out[r.level] = r.n;
  }
  return out;
}
