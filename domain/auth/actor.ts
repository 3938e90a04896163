import type { Role } from '@/domain/reference/roles';

/** Which units' records a caller may see: the whole academy, or the subtree of its own unit. */
export type Scope = { all: true } | { all: false; unitIds: readonly number[] };

export interface Actor {
  userId: number;
  login: string;
  displayName: string;
  role: Role;
  unitId: number;
  unitCode: string;
  unitName: string;
  unitNameEn: string | null;
  scope: Scope;
  via: 'session' | 'token' | 'cli';
  sessionId?: string;
}

export const ALL_UNITS: Scope = { all: true };

/**
 * Whether a unit is in the scope: the one in-memory scope check, for a unit already loaded (queries filter
 * with `inScope` in db/scope.ts instead).
 */
export function canSee(scope: Scope, unitId: number): boolean {
  return scope.all || scope.unitIds.includes(unitId);
}
