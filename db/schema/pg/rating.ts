import { pgTable, integer, text, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { levels } from '@/domain/reference/level-codes';
import { ratingStatuses, ruleSetKinds, type RatingFloor } from '../rating';
import { instant, flag, json, timestamps } from './columns';
import { units } from './units';
import { users } from './users';

// Twins of ../rating.ts.
export const ruleSets = pgTable(
  'rule_sets',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    kind: text('kind', { enum: ruleSetKinds }).notNull(),
    version: text('version').notNull(),
    body: json<unknown>('body').notNull(),
    active: flag('active').notNull().default(false),
    createdBy: integer('created_by').references(() => users.id),
    activatedAt: instant('activated_at'),
    ...timestamps,
  },
  (t) => [uniqueIndex('rule_sets_kind_version_uq').on(t.kind, t.version)],
);

export const ratings = pgTable(
  'ratings',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    instituteId: integer('institute_id')
      .notNull()
      .references(() => units.id),
    year: integer('year').notNull(),
    asOf: instant('as_of').notNull(),
    ruleSetVersion: text('rule_set_version').notNull(),
    status: text('status', { enum: ratingStatuses }).notNull(),
    points: integer('points').notNull(),
    levelByPoints: text('level_by_points', { enum: levels }).notNull(),
    level: text('level', { enum: levels }).notNull(),
    floors: json<RatingFloor[]>('floors').notNull(),
    computedAt: instant('computed_at').notNull(),
    publishedAt: instant('published_at'),
    publishedBy: integer('published_by').references(() => users.id),
  },
  (t) => [
    uniqueIndex('ratings_institute_year_status_uq').on(t.instituteId, t.year, t.status),
    index('ratings_year_idx').on(t.year, t.level),
  ],
);

export const ratingContributions = pgTable(
  'rating_contributions',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    ratingId: integer('rating_id')
      .notNull()
      .references(() => ratings.id, { onDelete: 'cascade' }),
    rule: text('rule').notNull(),
    recordKind: text('record_kind').notNull(),
    recordId: integer('record_id'),
    recordExternalId: text('record_external_id'),
    floor: text('floor', { enum: levels }),
    points: integer('points').notNull(),
  },
  (t) => [index('rating_contributions_rating_idx').on(t.ratingId)],
);

export const warningListEntries = pgTable(
  'warning_list_entries',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    personName: text('person_name'),
    reason: text('reason').notNull(),
    ratingId: integer('rating_id').references(() => ratings.id),
    status: text('status', { enum: ['proposed', 'confirmed', 'lifted'] }).notNull(),
    confirmedAt: instant('confirmed_at'),
    confirmedBy: integer('confirmed_by').references(() => users.id),
    liftedAt: instant('lifted_at'),
    liftedBy: integer('lifted_by').references(() => users.id),
    ...timestamps,
  },
  (t) => [index('warning_list_unit_idx').on(t.unitId)],
);
