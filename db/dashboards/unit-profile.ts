import { and, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../tx';
import { first } from '../engine';
import { units } from '../schema';
import { subtreeUnitIds, type UnitRow } from '@/db/units/units';
import { inScope } from '../scope';
import type { Scope } from '@/domain/auth/actor';

export interface UnitProfile {
  unit: UnitRow;
  parent: UnitRow | null;
  /** The branch the unit sits in, if any (the branch itself for a branch). */
  branch: UnitRow | null;
  /** The rated institute its records count for (itself for an institute). */
  institute: UnitRow | null;
  /** The unit and everything below it. */
  subtree: number[];
}

/**
 * A unit with its place in the tree, for the unit page. The names above it are shown even to someone whose
 * scope starts lower: the organisation is not secret, its records are. Null for an unknown code, and for a
 * unit outside the caller's scope (its page does not exist for them).
 */
export async function unitProfile(q: Queryable, scope: Scope, code: string): Promise<UnitProfile | null> {
  const unit = await unitInScope(q, scope, code);
  if (!unit) return null;
  const ids = unit.path.split('/').filter(Boolean).map(Number);
  const chain = new Map(
    (
      await q
        .select()
        .from(units)
        .where(inArray(units.id, [...ids, ...(unit.instituteId ? [unit.instituteId] : [])]))
    ).map((u) => [u.id, u]),
  );
  const ancestors = ids.map((id) => chain.get(id)).filter((u): u is UnitRow => Boolean(u));
  return {
    unit,
    parent: unit.parentId ? (chain.get(unit.parentId) ?? null) : null,
    branch: ancestors.find((u) => u.kind === 'branch') ?? null,
    institute: unit.instituteId ? (chain.get(unit.instituteId) ?? null) : null,
    subtree: await subtreeUnitIds(q, unit),
  };
}

/** The unit with this code if the caller's scope holds it; nothing for an unknown code or one outside the scope. */
export async function unitInScope(q: Queryable, scope: Scope, code: string): Promise<UnitRow | undefined> {
  return first(
    await q
      .select()
      .from(units)
      .where(and(eq(units.code, code), inScope(units.id, scope)))
      .limit(1),
  );
}
