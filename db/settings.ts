import { eq } from 'drizzle-orm';
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

/** Set by every write to records, so stored provisional ratings know when they are out of date. */
export const RECORDS_CHANGED_SETTING = 'records_changed_at';
