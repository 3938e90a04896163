import type { Db } from '@/db/client';
import type { Scope } from '@/lib/auth/scope-types';
import { getSetting, RECORDS_CHANGED_SETTING } from '@/db/queries/settings';

// Dashboards are read far more often than records change: leadership and every coordination group open
// the same overview and heatmaps. Each aggregate is kept per (what, scope) until the data version moves:
// any audited write (records_changed_at), any stored rating (the newest ratings row), or the minute,
// since "overdue" and "year to date" move with the clock. better-sqlite3 is synchronous, so requests
// arriving while one computes wait for it and then share its result instead of computing it again.
// docs/decisions/020-dashboard-aggregates.md.

const MAX_ENTRIES = 500;
const entries = new Map<string, { version: string; value: unknown }>();

export function dataVersion(db: Db, now: Date): string {
  const newestRating = db.$client.prepare('SELECT max(id) AS id FROM ratings').get() as { id: number | null };
  return `${getSetting(db, RECORDS_CHANGED_SETTING) ?? 0}|${newestRating.id ?? 0}|${Math.floor(now.getTime() / 60_000)}`;
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
