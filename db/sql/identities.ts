import { getTableName, sql, type SQL } from 'drizzle-orm';
import { rawRun } from '@/db/engine/raw';
import type { DbTable, Queryable } from '@/db/tx';
import { isPg } from './dialect';

// Rows inserted with their own ids (the demo academy, test fixtures, a copied installation): SQLite's next
// id is always the largest plus one, but a PostgreSQL identity column takes the next value of its sequence,
// which explicit ids do not move, so the next insert without an id would collide with one of them.

/** The statement that moves `table`'s id sequence past its largest id, on pg. */
export function identityAdvance(table: DbTable): SQL {
  return sql`SELECT setval(pg_get_serial_sequence(${getTableName(table)}, 'id'), coalesce((SELECT max(id) FROM ${table}), 0) + 1, false)`;
}

/** After inserting rows with explicit ids into these tables (each with an integer `id`): the next id follows them. */
export async function advanceIdentities(q: Queryable, tables: readonly DbTable[]): Promise<void> {
  if (!isPg(q)) return;
  for (const table of tables) await rawRun(q, identityAdvance(table));
}
