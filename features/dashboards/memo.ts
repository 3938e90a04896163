import type { Db } from '@/db/client';
import type { Scope } from '@/domain/auth/actor';
import { latestChanges } from '@/db/changes/latest-changes';
import { shanghaiDayNumber } from '@/domain/time/shanghai';

// Dashboards are read far more often than records change: leadership and every coordination group open
// the same overview and heatmaps. Each aggregate is kept per (what, scope) until the data version moves
// (any transaction that writes records, ratings or alerts, on any server: decision 047 row 8), or the
// clock: the minute for "overdue", the Beijing day for "year to date" and the monthly windows. What is kept is the computation's promise, stored before its first query runs: requests
// arriving while it computes await the same promise instead of computing it again, and a computation that
// fails is dropped, so the next request tries afresh rather than being served the failure.
// docs/decisions/020-dashboard-aggregates.md.

const MAX_ENTRIES = 500;
const entries = new Map<string, { version: string; value: Promise<unknown> }>();

/**
 * `clock`: how finely the value moves with time. 'minute' for anything compared with now (overdue);
 * 'day' for windows that run through the end of today (year to date, months, ratings), which then cost
 * one computation a day rather than one a minute: the institutes heatmap takes seconds cold at 2,000
 * institutes, and its statements run on the thread that answers everyone.
 */
export async function dataVersion(db: Db, now: Date, clock: 'minute' | 'day' = 'minute'): Promise<string> {
  const c = await latestChanges(db);
  return `${c.version}|${clockTick(now, clock)}`;
}

/** The minute, or the Beijing calendar day, `now` falls in. */
export function clockTick(now: Date, clock: 'minute' | 'day'): string {
  return clock === 'minute' ? `m${Math.floor(now.getTime() / 60_000)}` : `d${shanghaiDayNumber(now)}`;
}

export function scopeKey(scope: Scope): string {
  return scope.all ? 'all' : scope.unitIds.join(',');
}

/**
 * `compute()` once per key and data version; the key must name everything the value depends on. The
 * caller reads `version` (await dataVersion) before calling, so a value is never filed under a version
 * newer than the data it was computed from.
 */
export function memo<T>(key: string, version: string, compute: () => Promise<T>): Promise<T> {
  const hit = entries.get(key);
  if (hit && hit.version === version) {
    // Refresh its place in the insertion order: the map doubles as a least-recently-used list.
    entries.delete(key);
    entries.set(key, hit);
    return hit.value as Promise<T>;
  }
  let value: Promise<T>;
  try {
    value = compute();
  } catch (error) {
    value = Promise.reject(error as Error);
  }
  const entry = { version, value };
  entries.delete(key);
  entries.set(key, entry);
  if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  // A failure is not kept; only this entry is dropped, not a newer one stored meanwhile under the key.
  value.catch(() => {
    if (entries.get(key) === entry) entries.delete(key);
  });
  return value;
}

/** For tests: start cold. */
export function clearMemo(): void {
  entries.clear();
}
