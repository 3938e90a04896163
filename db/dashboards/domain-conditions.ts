import { and, eq, gte, isNull, lt, ne, type SQL } from 'drizzle-orm';
import { hazards, incidents } from '../schema';
import { inScope } from '../scope';
import type { Scope } from '@/domain/auth/actor';

// The sensitive-domain dashboards' figures. Every count here uses exactly the conditions of the record
// list filter it links to (see dashboardFilters in records.ts), so a number and its list agree:
//   incidents of a year: not withdrawn, occurred in [from, to)
//   serious: the same, effective tier I-III (as the rating counts it)
//   hazards of a year: not withdrawn, found in [from, to)
//   open hazards: status open and no rectification date, whenever found

export interface Window {
  from: Date;
  to: Date;
}

export const liveIncidents = (scope: Scope, w: Window): SQL | undefined =>
  and(
    inScope(incidents.unitId, scope),
    gte(incidents.occurredAt, w.from),
    lt(incidents.occurredAt, w.to),
    ne(incidents.status, 'withdrawn'),
  );
export const liveHazards = (scope: Scope, w: Window): SQL | undefined =>
  and(inScope(hazards.unitId, scope), gte(hazards.foundAt, w.from), lt(hazards.foundAt, w.to), ne(hazards.status, 'withdrawn'));
export const openHazards = (scope: Scope): SQL | undefined =>
  and(inScope(hazards.unitId, scope), eq(hazards.status, 'open'), isNull(hazards.rectifiedAt));

export const num = (v: unknown) => Number(v ?? 0);
