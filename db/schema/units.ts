import { sqliteTable, integer, text, index, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { instant, timestamps } from './columns';

export const unitKinds = ['academy', 'branch', 'bureau', 'institute', 'department'] as const;
export type UnitKind = (typeof unitKinds)[number];

// The organisation tree. `path` is the chain of ids from the root ("/1/4/37/"), so a subtree is one
// prefix match; `instituteId` is the rated unit a record filed here rolls up to (null above institutes).
export const units = sqliteTable(
  'units',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    kind: text('kind', { enum: unitKinds }).notNull(),
    parentId: integer('parent_id').references((): AnySQLiteColumn => units.id),
    path: text('path').notNull(),
    instituteId: integer('institute_id').references((): AnySQLiteColumn => units.id),
    activeFrom: instant('active_from'),
    activeTo: instant('active_to'),
    ...timestamps,
  },
  (t) => [index('units_parent_idx').on(t.parentId), index('units_path_idx').on(t.path), index('units_institute_idx').on(t.instituteId)],
);
