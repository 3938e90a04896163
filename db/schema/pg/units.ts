import { pgTable, integer, text, index, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { unitKinds } from '../units';
import { instant, timestamps } from './columns';

// Twin of ../units.ts.
export const units = pgTable(
  'units',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    kind: text('kind', { enum: unitKinds }).notNull(),
    parentId: integer('parent_id').references((): AnyPgColumn => units.id),
    path: text('path').notNull(),
    instituteId: integer('institute_id').references((): AnyPgColumn => units.id),
    activeFrom: instant('active_from'),
    activeTo: instant('active_to'),
    ...timestamps,
  },
  (t) => [
    index('units_parent_idx').on(t.parentId),
    // text_pattern_ops: a subtree is `path LIKE '/1/4/%'`, and PostgreSQL serves a prefix LIKE from a plain
    // btree only under the C collation (C.UTF-8 does not count, nor a production database's en_US.UTF-8).
    index('units_path_idx').on(t.path.op('text_pattern_ops')),
    index('units_institute_idx').on(t.instituteId),
  ],
);
