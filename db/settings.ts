import { and, eq } from 'drizzle-orm';
import type { Queryable } from '@/db/tx';
import { first } from '@/db/engine';
import { settings } from '@/db/schema';

export async function getSetting(q: Queryable, key: string): Promise<string | undefined> {
  return first(await q.select({ value: settings.value }).from(settings).where(eq(settings.key, key)).limit(1))?.value;
}

/** Stores `value` unless the key already has one; returns the value that is kept. */
export async function putSettingIfAbsent(q: Queryable, key: string, value: string): Promise<string> {
  await q.insert(settings).values({ key, value }).onConflictDoNothing();
  return (await getSetting(q, key)) ?? value;
}

export async function putSetting(q: Queryable, key: string, value: string): Promise<void> {
  await q.insert(settings).values({ key, value }).onConflictDoUpdate({ target: settings.key, set: { value } });
}

/**
 * Sets `key` to `next` only if it still holds `old` (undefined: only if it has no value yet), in one
 * statement, so two servers cannot both read the same value and both write theirs (the later losing the
 * earlier's change). Answers whether this call wrote.
 */
export async function compareAndPutSetting(q: Queryable, key: string, old: string | undefined, next: string): Promise<boolean> {
  if (old === undefined) return (await q.insert(settings).values({ key, value: next }).onConflictDoNothing()).changes === 1;
  const result = await q
    .update(settings)
    .set({ value: next })
    .where(and(eq(settings.key, key), eq(settings.value, old)));
  return result.changes === 1;
}

/** Set by every write to records, so stored provisional ratings know when they are out of date. */
export const RECORDS_CHANGED_SETTING = 'records_changed_at';
