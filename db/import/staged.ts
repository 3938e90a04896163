import { and, eq, gt, lte, min, sql } from 'drizzle-orm';
import type { Queryable } from '@/db/tx';
import { first } from '@/db/engine';
import { stagedImports, type StagedImportMeta } from '@/db/schema';

// Staged uploads (features/import/staging.ts decides the bounds and the charge): rows of `staged_imports`,
// so that every app server on the database sees the same ones. Each read names the owner as well as the id.

export type StagedImportRow = typeof stagedImports.$inferSelect;

/** What unexpired staged uploads hold against a bound: all of them, or one owner's. */
export interface StagedUsage {
  bytes: number;
  /** When the first of them expires, or null if there are none. */
  firstExpiry: Date | null;
}

export async function stagedUsage(q: Queryable, now: Date, ownerUserId?: number): Promise<StagedUsage> {
  const rows = await q
    .select({
      // int8 on PostgreSQL: Number() whatever the driver hands back.
      bytes: sql<number>`coalesce(sum(${stagedImports.size}), 0)`.mapWith(Number),
      firstExpiry: min(stagedImports.expiresAt),
    })
    .from(stagedImports)
    .where(and(gt(stagedImports.expiresAt, now), ownerUserId === undefined ? undefined : eq(stagedImports.ownerUserId, ownerUserId)));
  return first(rows) ?? { bytes: 0, firstExpiry: null };
}

export async function insertStaged(q: Queryable, row: StagedImportRow): Promise<void> {
  await q.insert(stagedImports).values(row);
}

/** The owner's unexpired staged upload with this id, or undefined (unknown, another's, or expired). */
export async function stagedOf(
  q: Queryable,
  id: string,
  ownerUserId: number,
  now: Date,
): Promise<{ meta: StagedImportMeta; bytes: Buffer; stagedAt: Date } | undefined> {
  const rows = await q
    .select({ meta: stagedImports.meta, bytes: stagedImports.bytes, stagedAt: stagedImports.stagedAt })
    .from(stagedImports)
    .where(and(eq(stagedImports.id, id), eq(stagedImports.ownerUserId, ownerUserId), gt(stagedImports.expiresAt, now)))
    .limit(1);
  return first(rows);
}

/** Removes the owner's staged upload with this id (nothing if it is another's); answers whether one went. */
export async function deleteStaged(q: Queryable, id: string, ownerUserId: number): Promise<boolean> {
  const result = await q.delete(stagedImports).where(and(eq(stagedImports.id, id), eq(stagedImports.ownerUserId, ownerUserId)));
  return result.changes > 0;
}

/** Removes every staged upload expired at `now`; answers how many went. */
export async function deleteExpiredStaged(q: Queryable, now: Date): Promise<number> {
  return (await q.delete(stagedImports).where(lte(stagedImports.expiresAt, now))).changes;
}
