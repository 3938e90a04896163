import type { Db } from '@/db/client';
import type { Scope } from '@/domain/auth/actor';
import { dataVersion, memo, scopeKey } from '@/features/dashboards/memo';

export interface InstituteRow {
  id: number;
  code: string;
  name: string;
  nameEn: string | null;
  branchCode: string | null;
  branchName: string | null;
  branchNameEn: string | null;
}

/**
 * The institutes a caller's dashboards show: every institute in scope, and the institute of any department
 * in scope (a department's records roll up to its institute's row, counted only for the department).
 */
export function institutesForScope(db: Db, scope: Scope): InstituteRow[] {
  const rows = db.$client
    .prepare(
      `SELECT i.id, i.code, i.name, i.name_en AS nameEn, b.code AS branchCode, b.name AS branchName, b.name_en AS branchNameEn
       FROM units i LEFT JOIN units b ON b.id = i.parent_id AND b.kind = 'branch'
       WHERE i.kind = 'institute' ORDER BY b.code, i.code`,
    )
    .all() as InstituteRow[];
  if (scope.all) return rows;
  const visible = new Set(
    (
      db.$client
        .prepare(
          `SELECT DISTINCT institute_id AS id FROM units WHERE institute_id IS NOT NULL AND id IN (${scope.unitIds.map(() => '?').join(',') || 'NULL'})`,
        )
        .all(...scope.unitIds) as { id: number }[]
    ).map((r) => r.id),
  );
  return rows.filter((r) => visible.has(r.id));
}

/** Filing unit → the institute it rolls up to (institutes map to themselves). */
export function instituteOfUnit(db: Db): Map<number, number> {
  const rows = db.$client.prepare('SELECT id, institute_id AS instituteId FROM units WHERE institute_id IS NOT NULL').all() as {
    id: number;
    instituteId: number;
  }[];
  return new Map(rows.map((r) => [r.id, r.instituteId]));
}

/** The branch academies the caller's institutes belong to, for the branch filter. */
export function branchesInScope(db: Db, scope: Scope): { code: string; name: string; nameEn: string | null }[] {
  return memo(`branches|${scopeKey(scope)}`, dataVersion(db, new Date(), 'day'), () => branchesOf(db, scope));
}

function branchesOf(db: Db, scope: Scope): { code: string; name: string; nameEn: string | null }[] {
  const seen = new Map<string, { code: string; name: string; nameEn: string | null }>();
  for (const r of institutesForScope(db, scope))
    if (r.branchCode && !seen.has(r.branchCode))
      seen.set(r.branchCode, { code: r.branchCode, name: r.branchName ?? '', nameEn: r.branchNameEn });
  return [...seen.values()];
}

/** Units a dashboard can be narrowed to: the caller's branch academies, then its institutes. */
export function unitChoices(db: Db, scope: Scope): { code: string; name: string; nameEn: string | null; kind: 'branch' | 'institute' }[] {
  return [
    ...branchesInScope(db, scope).map((b) => ({ ...b, kind: 'branch' as const })),
    ...institutesForScope(db, scope).map((i) => ({ code: i.code, name: i.name, nameEn: i.nameEn, kind: 'institute' as const })),
  ];
}
