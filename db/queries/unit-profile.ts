import { inArray } from 'drizzle-orm';
import type { Db } from '../client';
import { units } from '../schema';
import { subtreeUnitIds, unitByCode, type UnitRow } from './units';

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
 * scope starts lower: the organisation is not secret, its records are. Null for an unknown code.
 */
export function unitProfile(db: Db, code: string): UnitProfile | null {
  const unit = unitByCode(db, code);
  if (!unit) return null;
  const ids = unit.path.split('/').filter(Boolean).map(Number);
  const chain = new Map(
    db
      .select()
      .from(units)
      .where(inArray(units.id, [...ids, ...(unit.instituteId ? [unit.instituteId] : [])]))
      .all()
      .map((u) => [u.id, u]),
  );
  const ancestors = ids.map((id) => chain.get(id)).filter((u): u is UnitRow => Boolean(u));
  return {
    unit,
    parent: unit.parentId ? (chain.get(unit.parentId) ?? null) : null,
    branch: ancestors.find((u) => u.kind === 'branch') ?? null,
    institute: unit.instituteId ? (chain.get(unit.instituteId) ?? null) : null,
    subtree: subtreeUnitIds(db, unit),
  };
}
