import { pgTable, integer, text, index, customType } from 'drizzle-orm/pg-core';
import type { StagedImportMeta } from '../staged-imports';
import { instant, json } from './columns';
import { users } from './users';

// The file's bytes as bytea, read back as the same Buffer SQLite's blob gives.
const bytes = customType<{ data: Buffer; driverData: Buffer }>({
  dataType: () => 'bytea',
  toDriver: (value) => value,
  fromDriver: (value) => Buffer.from(value),
});

// Twin of ../staged-imports.ts.
export const stagedImports = pgTable(
  'staged_imports',
  {
    id: text('id').primaryKey(),
    ownerUserId: integer('owner_user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    meta: json<StagedImportMeta>('meta').notNull(),
    bytes: bytes('bytes').notNull(),
    size: integer('size').notNull(),
    stagedAt: instant('staged_at').notNull(),
    expiresAt: instant('expires_at').notNull(),
  },
  (t) => [index('staged_imports_owner_idx').on(t.ownerUserId), index('staged_imports_expires_idx').on(t.expiresAt)],
);
