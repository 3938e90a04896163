import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { settings } from '@/db/schema';

export function getSetting(db: Db, key: string): string | undefined {
  return db.select({ value: settings.value }).from(settings).where(eq(settings.key, key)).get()?.value;
}

/** Stores `value` unless the key already has one; returns the value that is kept. */
export function putSettingIfAbsent(db: Db, key: string, value: string): string {
  db.insert(settings).values({ key, value }).onConflictDoNothing().run();
  return getSetting(db, key) ?? value;
}

export function putSetting(db: Pick<Db, 'insert'>, key: string, value: string): void {
  db.insert(settings).values({ key, value }).onConflictDoUpdate({ target: settings.key, set: { value } }).run();
}

/** Set by every write to records, so stored provisional ratings know when they are out of date. */
export const RECORDS_CHANGED_SETTING = 'records_changed_at';
