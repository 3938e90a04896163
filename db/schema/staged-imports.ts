import { sqliteTable, integer, text, blob, index } from 'drizzle-orm/sqlite-core';
import { instant, json } from './columns';
import { users } from './users';

/** What the import needs to know of a staged upload besides its bytes. */
export interface StagedImportMeta {
  kind: string;
  format: 'xlsx' | 'csv';
  /** The uploaded file's name, as the browser sent it (at most 200 characters). */
  name: string;
}

// An uploaded spreadsheet waiting between its preview and the user's confirmation. In the database rather
// than on one server's disk, so that a preview answered by one app server can be confirmed through another
// (issue 16). The id is random and unguessable; every read also names the owner.
export const stagedImports = sqliteTable(
  'staged_imports',
  {
    id: text('id').primaryKey(),
    ownerUserId: integer('owner_user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    meta: json<StagedImportMeta>('meta').notNull(),
    bytes: blob('bytes', { mode: 'buffer' }).notNull(),
    // The file's bytes and its description's, as counted against the bounds (features/import/staging.ts).
    size: integer('size').notNull(),
    stagedAt: instant('staged_at').notNull(),
    expiresAt: instant('expires_at').notNull(),
  },
  (t) => [index('staged_imports_owner_idx').on(t.ownerUserId), index('staged_imports_expires_idx').on(t.expiresAt)],
);
