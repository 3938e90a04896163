import type { Db } from '@/db/client';
import type { Scope } from '@/domain/auth/actor';
import { latestChanges } from '@/db/changes/latest-changes';
import { shanghaiDayNumber } from '@/domain/time/shanghai';

// Dashboards are read far more often than records change: leadership and every coordination group open
// the same overview and heatmaps. Each aggregate is kept per (what, scope) until the data version moves:
// any audited write (records_changed_at, the newest audit entry), any stored rating (the newest ratings
// row), or the clock: the minute for "overdue", the Beijing day for "year to date" and the monthly
// windows. better-sqlite3 is synchronous, so requests arriving while one computes wait for it and then
// share its result instead of computing it again.
// docs/decisions/020-dashboard-aggregates.md.

const MAX_ENTRIES = 500;
const entries = new Map<string, { version: string; value: unknown }>();

/**
 * `clock`: how finely the value moves with time. 'minute' for anything compared with now (overdue);
 * 'day' for windows that run through the end of today (year to date, months, ratings), which then cost
 * one computation a day rather than one a minute: the institutes heatmap takes seconds cold at 2,000
 * institutes, and better-sqlite3 computes it on the thread that answers everyone.
 */
export function dataVersion(db: Db, now: Date, clock: 'minute' | 'day' = 'minute'): string {
  const c = latestChanges(db);
  return `${c.changed}|${c.audit}|${c.rating}|${clockTick(now, clock)}`;
}

/** The minute, or the Beijing calendar day, `now` falls in. */
export function clockTick(now: Date, clock: 'minute' | 'day'): string {
  return clock === 'minute' ? `m${Math.floor(now.getTime() / 60_000)}` : `d${shanghaiDayNumber(now)}`;
}

export function scopeKey(scope: Scope): string {
  return scope.all ? 'all' : scope.unitIds.join(',');
}

/** `compute()` once per key and data version; the key must name everything the value depends on. */
export function memo<T>(key: string, version: string, compute: () => T): T {
  const hit = entries.get(key);
  if (hit && hit.version === version) {
    // Refresh its place in the insertion order: the map doubles as a least-recently-used list.
    entries.delete(key);
    entries.set(key, hit);
    return hit.value as T;
  }
  const value = compute();
  entries.delete(key);
  entries.set(key, { version, value });
  if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  return value;
}

/** For tests: start cold. */
export function clearMemo(): void {
  entries.clear();
}
