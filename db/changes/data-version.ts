import { sql } from 'drizzle-orm';
import { dataVersion } from '@/db/schema';
import type { Queryable } from '@/db/tx';
import { lockKey } from '@/db/sql/locks';

/**
 * Moves the data version (decision 047 row 8) inside the caller's write transaction: it moves when that
 * transaction commits, on every server at once, whatever ids its rows took. The 'audit' lock first keeps the
 * one lock order (… → audit → the data_version row), so a transaction that moves it before appending cannot
 * wait for one that appended first while holding the row (a no-op on SQLite, whose writer is already one).
 */
export async function moveDataVersion(tx: Queryable): Promise<void> {
  await lockKey(tx, 'audit');
  await tx
    .insert(dataVersion)
    .values({ id: 1, v: 1 })
    .onConflictDoUpdate({ target: dataVersion.id, set: { v: sql`${dataVersion.v} + 1` } });
}
