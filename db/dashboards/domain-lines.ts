import { and, asc, count, desc, eq, gte, lt, ne, sql } from 'drizzle-orm';
import type { Queryable } from '../tx';
import { first } from '../engine';
import { hazards, incidents, units } from '../schema';
import { inScope } from '../scope';
import type { Scope } from '@/domain/auth/actor';
import type { HazardLine, IncidentLine } from '@/domain/dashboards/types';
import type { RatingRuleSet } from '@/domain/rating/rule-set';
import { effectiveTierSql } from '@/db/records/effective-tier-sql';
import { num, openHazards, type Window } from './domain-conditions';

// The record lines the domain and unit pages list: incidents with their effective tier, open hazards.

/** The filing unit's code and names, as every line shows them. */
const filingUnit = { unitCode: units.code, unitName: units.name, unitNameEn: units.nameEn };

/** Incidents of a window, newest first, with their effective tier; `serious` keeps tiers I-III only. */
export async function incidentLines(
  q: Queryable,
  scope: Scope,
  opts: { domain?: string; window?: Window; serious?: boolean; currentOnly?: boolean; limit: number },
  ruleSet: RatingRuleSet,
): Promise<{ rows: IncidentLine[]; total: number }> {
  const tier = effectiveTierSql(ruleSet);
  const where = and(
    inScope(incidents.unitId, scope),
    opts.window ? and(gte(incidents.occurredAt, opts.window.from), lt(incidents.occurredAt, opts.window.to)) : undefined,
    opts.currentOnly ? ne(incidents.status, 'withdrawn') : undefined,
    opts.domain ? eq(incidents.domain, opts.domain) : undefined,
    opts.serious ? sql`${tier} <= 3` : undefined,
  );
  const total = first(await q.select({ n: count() }).from(incidents).where(where))?.n ?? 0;
  const rows = await q
    .select({
      id: incidents.id,
      externalId: incidents.externalId,
      ...filingUnit,
      occurredAt: incidents.occurredAt,
      tier,
      status: incidents.status,
      summary: incidents.summary,
      concealed: incidents.concealed,
    })
    .from(incidents)
    .innerJoin(units, eq(units.id, incidents.unitId))
    .where(where)
    .orderBy(desc(incidents.occurredAt), desc(incidents.id))
    .limit(opts.limit);
  return { rows: rows.map((r) => ({ ...r, tier: num(r.tier) })), total };
}

/** Open hazards (status open, not rectified), the most overdue first. */
export async function openHazardLines(
  q: Queryable,
  scope: Scope,
  opts: { domain?: string; severity?: 'general' | 'major'; limit: number },
): Promise<{ rows: HazardLine[]; total: number }> {
  const where = and(
    openHazards(scope),
    opts.domain ? eq(hazards.domain, opts.domain) : undefined,
    opts.severity ? eq(hazards.severity, opts.severity) : undefined,
  );
  const total = first(await q.select({ n: count() }).from(hazards).where(where))?.n ?? 0;
  const rows = await q
    .select({
      id: hazards.id,
      externalId: hazards.externalId,
      ...filingUnit,
      domain: hazards.domain,
      severity: hazards.severity,
      foundAt: hazards.foundAt,
      dueAt: hazards.dueAt,
      description: hazards.description,
    })
    .from(hazards)
    .innerJoin(units, eq(units.id, hazards.unitId))
    .where(where)
    .orderBy(asc(hazards.dueAt), asc(hazards.id))
    .limit(opts.limit);
  return { rows, total };
}
