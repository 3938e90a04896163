import { and, asc, eq, gt, like, sql, count } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '@/db/client';
import { units, type UnitKind } from '@/db/schema';
import type { Scope } from '@/domain/auth/actor';
import { inScope } from '@/db/scope';

export type UnitRow = typeof units.$inferSelect;

export function unitByCode(db: Db, code: string): UnitRow | undefined {
  return db.select().from(units).where(eq(units.code, code)).get();
}

/** Ids of a unit and everything below it, found by the materialised path. */
export function subtreeUnitIds(db: Db, unit: Pick<UnitRow, 'path'>): number[] {
  return db
    .select({ id: units.id })
    .from(units)
    .where(like(units.path, `${unit.path}%`))
    .all()
    .map((r) => r.id);
}

export function countUnitsByKind(db: Db, scope: Scope): Record<UnitKind, number> {
  const rows = db.select({ kind: units.kind, n: count() }).from(units).where(inScope(units.id, scope)).groupBy(units.kind).all();
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
export function listUnitsInScope(db: Db, scope: Scope): UnitListRow[] {
  return db
    .select({
      id: units.id,
      code: units.code,
      name: units.name,
      nameEn: units.nameEn,
      kind: units.kind,
      parentId: units.parentId,
      path: units.path,
      depth: sql<number>`length(${units.path}) - length(replace(${units.path}, '/', '')) - 1`,
    })
    .from(units)
    .where(inScope(units.id, scope))
    .orderBy(asc(units.path))
    .all();
}

export function countUnits(db: Db): number {
  return db.select({ n: count() }).from(units).get()?.n ?? 0;
}

/** Creates the root academy of an empty installation, so the first administrator has a unit. */
export function insertAcademyRoot(db: Db, values: { code: string; name: string; nameEn: string }): UnitRow {
  return db.transaction((tx) => {
    const row = tx
      .insert(units)
      .values({ ...values, kind: 'academy', path: '/' })
      .returning()
      .get();
    return tx
      .update(units)
      .set({ path: `/${row.id}/` })
      .where(eq(units.id, row.id))
      .returning()
      .get()!;
  });
}

export function academyRoot(db: Db): UnitRow | undefined {
  return db.select().from(units).where(eq(units.kind, 'academy')).orderBy(asc(units.id)).limit(1).get();
}

/** A page of units in scope ordered by id; the cursor is the last id of the previous page. */
export function listUnitsPage(db: Db, scope: Scope, opts: { kind?: UnitKind; cursor?: number; limit: number }) {
  const parent = alias(units, 'parent');
  const rows = db
    .select({
      id: units.id,
      code: units.code,
      name: units.name,
      nameEn: units.nameEn,
      kind: units.kind,
      parentCode: parent.code,
      activeFrom: units.activeFrom,
      activeTo: units.activeTo,
    })
    .from(units)
    .leftJoin(parent, eq(parent.id, units.parentId))
    .where(
      and(inScope(units.id, scope), opts.kind ? eq(units.kind, opts.kind) : undefined, opts.cursor ? gt(units.id, opts.cursor) : undefined),
    )
    .orderBy(asc(units.id))
    .limit(opts.limit + 1)
    .all();
  const more = rows.length > opts.limit;
  const pageRows = more ? rows.slice(0, opts.limit) : rows;
  return { rows: pageRows, nextCursor: more ? pageRows[pageRows.length - 1]!.id : null };
}
