import type { Scope } from '@/domain/auth/actor';

/** The caller's scope narrowed to some units (a chosen branch, one unit's subtree): never wider than it was. */
export function narrowScope(scope: Scope, unitIds: readonly number[]): Scope {
  if (scope.all) return { all: false, unitIds: [...unitIds] };
  const allowed = new Set(scope.unitIds);
  return { all: false, unitIds: unitIds.filter((id) => allowed.has(id)) };
}

/** A page's search parameters (Next's object form) as URLSearchParams, the form export loaders take. */
export function toSearchParams(params: Record<string, string | string[] | undefined>): URLSearchParams {
  const out = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined) continue;
    for (const one of Array.isArray(v) ? v : [v]) out.append(k, one);
  }
  return out;
}
