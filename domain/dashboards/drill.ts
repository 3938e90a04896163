import type { RecordKind } from '@/domain/records/kinds';

/** Filters of the record lists (`/records/<kind>`) a dashboard number links to; see dashboardFilters. */
export interface Drill {
  domain?: string;
  /** A unit code: that unit and everything below it. */
  unit?: string;
  year?: number;
  status?: string;
  severity?: 'general' | 'major';
  tier?: 'serious' | '1' | '2' | '3' | '4';
  level?: string;
  state?: 'current' | 'open' | 'overdue';
}

/** The address of the record list that shows exactly the records a dashboard counted. */
export function recordsHref(kind: RecordKind, d: Drill): string {
  const p = new URLSearchParams();
  if (d.status) p.set('status', d.status);
  if (d.domain) p.set('domain', d.domain);
  if (d.unit) p.set('unit', d.unit);
  if (d.year !== undefined) {
    p.set('from', `${d.year}-01-01`);
    p.set('to', `${d.year}-12-31`);
  }
  if (d.severity) p.set('severity', d.severity);
  if (d.tier) p.set('tier', d.tier);
  if (d.level) p.set('level', d.level);
  if (d.state) p.set('state', d.state);
  const s = p.toString();
  return `/records/${kind}${s ? `?${s}` : ''}`;
}
