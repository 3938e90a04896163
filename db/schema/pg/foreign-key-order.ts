import { is } from 'drizzle-orm';
import { PgTable, getTableConfig } from 'drizzle-orm/pg-core';
import * as tables from './tables';

export type PgTableName = keyof typeof tables;

/**
 * The tables' JS names ordered so that every table comes after the tables its foreign keys name (a
 * table's references to itself, units.parent_id, excepted): the order copy-to fills an empty database in.
 * Ties keep the declaration order of ./tables.ts, so the order is stable.
 */
export function tableNamesInForeignKeyOrder(): PgTableName[] {
  const byTable = new Map<PgTable, PgTableName>();
  for (const [name, table] of Object.entries(tables)) if (is(table, PgTable)) byTable.set(table, name as PgTableName);
  const ordered: PgTableName[] = [];
  const placed = new Set<PgTable>();
  const visit = (table: PgTable, path: Set<PgTable>) => {
    if (placed.has(table)) return;
    if (path.has(table)) throw new Error(`foreign-key cycle through ${getTableConfig(table).name}`);
    path.add(table);
    for (const fk of getTableConfig(table).foreignKeys) {
      const target = fk.reference().foreignTable;
      if (target !== table) visit(target, path);
    }
    path.delete(table);
    placed.add(table);
    ordered.push(byTable.get(table)!);
  };
  for (const table of byTable.keys()) visit(table, new Set());
  return ordered;
}
