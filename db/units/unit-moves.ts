import { eq, like, sql } from 'drizzle-orm';
import { first } from '@/db/engine';
import { units } from '@/db/schema';
import type { Tx } from '@/db/tx';
import { recordKinds } from '@/db/records/record-kinds';
import { isUniqueViolation } from '@/db/sql/unique-violation';
import { subtreeUnitIds, type UnitRow } from '@/db/units/units';

// The writes behind moving a unit (features/units/submit-units.ts): a unit's path is its chain of ids
// ("/1/4/37/"), so a move rewrites the paths of its whole subtree, and a subtree that now rolls up to
// another institute takes the records filed in it along.

/** The code of a unit whose code equals `code` ignoring case, if any (codes are case-sensitive). */
export async function unitCodeIgnoringCase(tx: Tx, code: string): Promise<string | undefined> {
  return first(
    await tx
      .select({ code: units.code })
      .from(units)
      .where(sql`lower(${units.code}) = lower(${code})`)
      .limit(1),
  )?.code;
}

/** Whether any unit sits below the unit, or any record is filed in it. */
export async function hasChildrenOrRecords(tx: Tx, unit: Pick<UnitRow, 'id'>): Promise<boolean> {
  if (first(await tx.select({ id: units.id }).from(units).where(eq(units.parentId, unit.id)).limit(1))) return true;
  for (const k of Object.values(recordKinds))
    if (first(await tx.select({ id: k.table.id }).from(k.table).where(eq(k.table.unitId, unit.id)).limit(1))) return true;
  return false;
}

/** Rewrites the path of every unit under `oldPath` (the moved unit's own included) to start with `newPath`. */
export async function rewriteSubtreePaths(tx: Tx, oldPath: string, newPath: string): Promise<void> {
  await tx
    .update(units)
    .set({ path: sql`${newPath} || substr(${units.path}, ${oldPath.length + 1})` })
    .where(like(units.path, `${oldPath}%`));
}

/**
 * Hands the subtree at `path` and the records filed in it to institute `instituteId`. Answers false, having
 * changed nothing, when two records of one kind would then share an externalId in that institute (the
 * unique index refuses): the caller refuses the batch. The records move inside a savepoint, because on
 * PostgreSQL a refused statement spoils the whole transaction unless rolled back to one.
 */
export async function moveSubtreeToInstitute(tx: Tx, path: string, instituteId: number | null): Promise<boolean> {
  const ids = await subtreeUnitIds(tx, { path });
  if (ids.length === 0) return true;
  const list = sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  );
  try {
    await tx.transaction(async (sp) => {
      await sp
        .update(units)
        .set({ instituteId })
        .where(sql`${units.id} IN (${list})`);
      for (const k of Object.values(recordKinds))
        await sp
          .update(k.table)
          .set({ instituteId } as never)
          .where(sql`${k.table.unitId} IN (${list})`);
    });
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}
