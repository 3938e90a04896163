import { and, count, eq, gte, isNull, lt, ne, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { hazards, incidents } from '../schema';
import type { Scope } from '@/lib/auth/scope-types';
import { inScope } from './scope-filter';
import { effectiveTierSql } from './effective-tier';
import { activeRatingRuleSet } from './rule-sets';
import { recordKinds, recordKindCodes, type RecordKind } from './record-kinds';

/** How many records of each kind the caller can see. */
export function countRecordsByKind(db: Db, scope: Scope): Record<RecordKind, number> {
  const out = {} as Record<RecordKind, number>;
  for (const kind of recordKindCodes) {
    const t = recordKinds[kind].table;
    out[kind] = db.select({ n: count() }).from(t).where(inScope(t.unitId, scope)).get()?.n ?? 0;
  }
  return out;
}

export interface IncidentCell {
  domain: string;
  tier: number;
  n: number;
}

/** Incidents that occurred in [from, to), by domain and effective tier (as the rating counts them); withdrawn ones excluded. */
export function incidentsByDomainAndTier(db: Db, scope: Scope, from: Date, to: Date): IncidentCell[] {
  const tier = effectiveTierSql(activeRatingRuleSet(db));
  return db
    .select({ domain: incidents.domain, tier, n: count() })
    .from(incidents)
    .where(
      and(
        inScope(incidents.unitId, scope),
        gte(incidents.occurredAt, from),
        lt(incidents.occurredAt, to),
        ne(incidents.status, 'withdrawn'),
      ),
    )
    .groupBy(incidents.domain, tier)
    .all();
}

export interface HazardStatus {
  open: number;
  overdue: number;
  majorOverdue: number;
}

/** Hazards not yet rectified, and those of them past their due date at `now`. */
export function hazardStatus(db: Db, scope: Scope, now: Date): HazardStatus {
  const row = db
    .select({
      open: count(),
      overdue: sql<number>`coalesce(sum(case when ${hazards.dueAt} < ${now.getTime()} then 1 else 0 end), 0)`,
      majorOverdue: sql<number>`coalesce(sum(case when ${hazards.dueAt} < ${now.getTime()} and ${hazards.severity} = 'major' then 1 else 0 end), 0)`,
    })
    .from(hazards)
    .where(and(inScope(hazards.unitId, scope), isNull(hazards.rectifiedAt), eq(hazards.status, 'open')))
    .get();
  return { open: row?.open ?? 0, overdue: Number(row?.overdue ?? 0), majorOverdue: Number(row?.majorOverdue ?? 0) };
}
