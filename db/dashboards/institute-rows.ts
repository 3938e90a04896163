import { and, isNotNull, sql } from 'drizzle-orm';
import type { Queryable } from '../tx';
import { rawAll } from '../engine';
import { units } from '../schema';
import { inScope } from '../scope';
import type { Scope } from '@/domain/auth/actor';
import type { InstituteRow } from '@/domain/dashboards/types';

/**
 * The institutes a caller's dashboards show: every institute in scope, and the institute of any department
 * in scope (a department's records roll up to its institute's row, counted only for the department).
 */
export async function institutesForScope(q: Queryable, scope: Scope): Promise<InstituteRow[]> {
  // Institutes under no branch first, as SQLite sorts NULL (PostgreSQL would put them last unless told).
  const rows = await rawAll<InstituteRow>(
    q,
    sql`SELECT i.id, i.code, i.name, i.name_en AS "nameEn", b.code AS "branchCode", b.name AS "branchName", b.name_en AS "branchNameEn"
        FROM units i LEFT JOIN units b ON b.id = i.parent_id AND b.kind = 'branch'
        WHERE i.kind = 'institute' ORDER BY b.code NULLS FIRST, i.code`,
  );
  if (scope.all) return rows;
  const visible = new Set(
    (
      await q
        .selectDistinct({ id: units.instituteId })
        .from(units)
        .where(and(isNotNull(units.instituteId), inScope(units.id, scope)))
    ).map((r) => r.id),
  );
  return rows.filter((r) => visible.has(r.id));
}

/** Filing unit → the institute it rolls up to (institutes map to themselves). */
export async function instituteOfUnit(q: Queryable): Promise<Map<number, number>> {
  const rows = await q.select({ id: units.id, instituteId: units.instituteId }).from(units).where(isNotNull(units.instituteId));
  return new Map(rows.map((r) => [r.id, r.instituteId!]));
}
