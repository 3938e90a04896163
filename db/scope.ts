import { inArray, like, sql, SQL } from 'drizzle-orm';
import type { DbColumn } from './tx';
import type { Scope } from '@/domain/auth/actor';
import { units } from './schema';

// The one place a query learns what a caller may see. Every form takes a drizzle column or a `sql`
// fragment naming one (`sql\`r.unit_id\`` in a raw aggregate), so the same helper serves the query
// builder and the raw statements, and every value reaches SQLite as a bound parameter.

/**
 * The WHERE fragment every scoped query adds: all rows for a whole-academy scope, otherwise only rows
 * whose unit lies in the caller's subtree. An empty subtree matches nothing (never everything).
 */
export function inScope(column: DbColumn | SQL, scope: Scope): SQL | undefined {
  if (scope.all) return undefined;
  if (scope.unitIds.length === 0) return sql`0 = 1`;
  const ids = [...scope.unitIds];
  // Two overloads of inArray, one per form (a column maps values through its type, a fragment binds them).
  return column instanceof SQL ? inArray(column, ids) : inArray(column, ids);
}

/** `inScope` for a raw statement's WHERE: ` AND …` or nothing, ready to append after other conditions. */
export function andInScope(column: SQL, scope: Scope): SQL {
  const clause = inScope(column, scope);
  return clause ? sql` AND ${clause}` : sql``;
}

/** Units whose path lies under `path` (the unit itself included): a unit's path is its chain of ids, "/1/4/37/". */
export function withinSubtree(pathColumn: DbColumn | SQL, path: string): SQL {
  const pattern = `${path}%`;
  return pathColumn instanceof SQL ? like(pathColumn, pattern) : like(pathColumn, pattern);
}

/** Rows filed by a unit of the subtree at `path`, for queries that hold only the unit's id. */
export function unitWithinSubtree(unitIdColumn: DbColumn | SQL, path: string): SQL {
  return sql`${unitIdColumn} IN (SELECT ${units.id} FROM ${units} WHERE ${withinSubtree(units.path, path)})`;
}
