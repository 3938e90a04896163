import { and, asc, eq, gt, like, sql, count } from 'drizzle-orm';
import { alias } from '@/db/sql/alias';
import type { Db, Queryable } from '@/db/tx';
import { first } from '@/db/engine';
import { units, type UnitKind } from '@/db/schema';
import type { Scope } from '@/domain/auth/actor';
import { inScope } from '@/db/scope';

export type UnitRow = typeof units.$inferSelect;

/** What every list of units shows of each: who the unit is. */
export const unitListColumns = { id: units.id, code: units.code, name: units.name, nameEn: units.nameEn, kind: units.kind };

/** A unit's depth below the academy, from its materialised path ("/1/" is 1, "/1/4/" is 2). */
export const unitDepth = sql<number>`length(${units.path}) - length(replace(${units.path}, '/', '')) - 1`;

export async function unitByCode(q: Queryable, code: string): Promise<UnitRow | undefined> {
  return first(await q.select().from(units).where(eq(units.code, code)).limit(1));
}

/** Ids of a unit and everything below it, found by the materialised path. */
export async function subtreeUnitIds(q: Queryable, unit: Pick<UnitRow, 'path'>): Promise<number[]> {
  const rows = await q
    .select({ id: units.id })
    .from(units)
    .where(like(units.path, `${unit.path}%`));
  return rows.map((r) => r.id);
}

export async function countUnitsByKind(q: Queryable, scope: Scope): Promise<Record<UnitKind, number>> {
  const rows = await q.select({ kind: units.kind, n: count() }).from(units).where(inScope(units.id, scope)).groupBy(units.kind);
  const out: Record<UnitKind, number> = { academy: 0, branch: 0, bureau: 0, institute: 0, department: 0 };
  for (const r of rows) out[r.kind] = r.n;
  return out;
}

export interface UnitListRow {
  id: number;
  code: string;
  name: string;
  nameEn: string | null;
  kind: UnitKind;
  parentId: number | null;
  path: string;
  depth: number;
}

/** The units in scope in tree order (by path), for the units page. */
export async function listUnitsInScope(q: Queryable, scope: Scope): Promise<UnitListRow[]> {
  return q
    .select({ ...unitListColumns, parentId: units.parentId, path: units.path, depth: unitDepth })
    .from(units)
    .where(inScope(units.id, scope))
    .orderBy(asc(units.path));
}

export async function countUnits(q: Queryable): Promise<number> {
  return first(await q.select({ n: count() }).from(units))?.n ?? 0;
}

/** Creates the root academy of an empty installation, so the first administrator has a unit. */
export async function insertAcademyRoot(db: Db, values: { code: string; name: string; nameEn: string }): Promise<UnitRow> {
  return db.transaction(async (tx) => {
    const row = first(
      await tx
        .insert(units)
        .values({ ...values, kind: 'academy', path: '/' })
        .returning(),
    )!;
    return first(
      await tx
        .update(units)
        .set({ path: `/${row.id}/` })
        .where(eq(units.id, row.id))
        .returning(),
    )!;
  });
}

export async function academyRoot(q: Queryable): Promise<UnitRow | undefined> {
  return first(await q.select().from(units).where(eq(units.kind, 'academy')).orderBy(asc(units.id)).limit(1));
}

/** A page of units in scope ordered by id; the cursor is the last id of the previous page. */
export async function listUnitsPage(q: Queryable, scope: Scope, opts: { kind?: UnitKind; cursor?: number; limit: number }) {
  const parent = alias(units, 'parent');
  const rows = await q
    .select({ ...unitListColumns, parentCode: parent.code, activeFrom: units.activeFrom, activeTo: units.activeTo })
    .from(units)
    .leftJoin(parent, eq(parent.id, units.parentId))
    .where(
      and(inScope(units.id, scope), opts.kind ? eq(units.kind, opts.kind) : undefined, opts.cursor ? gt(units.id, opts.cursor) : undefined),
    )
    .orderBy(asc(units.id))
    .limit(opts.limit + 1);
  const more = rows.length > opts.limit;
  const pageRows = more ? rows.slice(0, opts.limit) : rows;
  return { rows: pageRows, nextCursor: more ? pageRows[pageRows.length - 1]!.id : null };
}
