import type { Db } from '@/db/client';
import type { Scope } from '@/domain/auth/actor';
import { institutesForScope } from '@/db/dashboards/institute-rows';
import { dataVersion, memo, scopeKey } from '@/features/dashboards/memo';

// The units a dashboard's filters offer, from the institutes the caller's dashboards show (db/dashboards).

/** The branch academies the caller's institutes belong to, for the branch filter. */
export async function branchesInScope(db: Db, scope: Scope): Promise<{ code: string; name: string; nameEn: string | null }[]> {
  return memo(`branches|${scopeKey(scope)}`, await dataVersion(db, new Date(), 'day'), () => branchesOf(db, scope));
}

async function branchesOf(db: Db, scope: Scope): Promise<{ code: string; name: string; nameEn: string | null }[]> {
  const seen = new Map<string, { code: string; name: string; nameEn: string | null }>();
  for (const r of await institutesForScope(db, scope))
    if (r.branchCode && !seen.has(r.branchCode))
      seen.set(r.branchCode, { code: r.branchCode, name: r.branchName ?? '', nameEn: r.branchNameEn });
  return [...seen.values()];
}

/** Units a dashboard can be narrowed to: the caller's branch academies, then its institutes. */
export async function unitChoices(
  db: Db,
  scope: Scope,
): Promise<{ code: string; name: string; nameEn: string | null; kind: 'branch' | 'institute' }[]> {
  return [
    ...(await branchesInScope(db, scope)).map((b) => ({ ...b, kind: 'branch' as const })),
    ...(await institutesForScope(db, scope)).map((i) => ({ code: i.code, name: i.name, nameEn: i.nameEn, kind: 'institute' as const })),
  ];
}
