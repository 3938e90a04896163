import { integer, text } from 'drizzle-orm/pg-core';
import { timestamps } from './columns';
import { domains, riskDimensions } from './reference';
import { units } from './units';
import { users } from './users';

// Twin of ../record-columns.ts (the columns every submitted record carries; see decision 007).
export function recordColumns() {
  return {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    externalId: text('external_id').notNull(),
    ...unitColumns(),
    createdBy: integer('created_by').references(() => users.id),
    ...timestamps,
  };
}

export function unitColumns() {
  return {
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    instituteId: integer('institute_id')
      .notNull()
      .references(() => units.id),
  };
}

export function domainAndDimension() {
  return {
    domain: text('domain')
      .notNull()
      .references(() => domains.code),
    dimension: text('dimension')
      .notNull()
      .references(() => riskDimensions.code),
  };
}
