import { sqliteTable, integer, text, index } from 'drizzle-orm/sqlite-core';
import { instant, flag, timestamps } from './columns';
import { units } from './units';

import { roles } from '@/domain/reference/roles';

export { roles, type Role } from '@/domain/reference/roles';

export const users = sqliteTable(
  'users',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    login: text('login').notNull().unique(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role', { enum: roles }).notNull(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    active: flag('active').notNull().default(true),
    // Where alert e-mails go (optional); see platform/delivery and docs/decisions/014-alert-delivery.md.
    email: text('email'),
    passwordChangedAt: instant('password_changed_at'),
    ...timestamps,
  },
  (t) => [index('users_unit_idx').on(t.unitId)],
);

// The cookie holds a random token; only its keyed hash is stored, so a copy of the database opens no session.
export const sessions = sqliteTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: instant('created_at').notNull(),
    lastSeenAt: instant('last_seen_at').notNull(),
    expiresAt: instant('expires_at').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId), index('sessions_expires_idx').on(t.expiresAt)],
);

export const apiTokens = sqliteTable(
  'api_tokens',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    // The first characters, shown in lists so a user can tell tokens apart without seeing them.
    prefix: text('prefix').notNull(),
    createdAt: instant('created_at').notNull(),
    lastUsedAt: instant('last_used_at'),
    expiresAt: instant('expires_at'),
    revokedAt: instant('revoked_at'),
  },
  (t) => [index('api_tokens_user_idx').on(t.userId)],
);

export const loginAttempts = sqliteTable(
  'login_attempts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    login: text('login').notNull(),
    ip: text('ip').notNull(),
    at: instant('at').notNull(),
    success: flag('success').notNull(),
  },
  (t) => [index('login_attempts_login_idx').on(t.login, t.at), index('login_attempts_ip_idx').on(t.ip, t.at)],
);
