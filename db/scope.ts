import { inArray, sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Scope } from '@/domain/auth/actor';

/**
 * The WHERE fragment every scoped query adds: all rows for a whole-academy scope, otherwise only rows
 * whose unit lies in the caller's subtree. An empty subtree matches nothing (never everything).
 */
export function inScope(column: SQLiteColumn, scope: Scope): SQL | undefined {
  if (scope.all) return undefined;
  if (scope.unitIds.length === 0) return sql`0 = 1`;
  return inArray(column, [...scope.unitIds]);
}
