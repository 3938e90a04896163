import { integer, text } from 'drizzle-orm/sqlite-core';
import { timestamps } from './columns';
import { domains, riskDimensions } from './reference';
import { units } from './units';
import { users } from './users';

// Columns every submitted record carries. `unitId` is the unit it was filed against (an institute or one
// of its departments) and decides who may see it; `instituteId` is the rated institute it rolls up to.
// `externalId` is chosen by the submitter and is unique per kind within the rated institute (departments
// share their institute's namespace), which makes retries idempotent and references such as
// `projectExternalId` unambiguous. See docs/decisions/007-external-ids.md.
export function recordColumns() {
  return {
    id: integer('id').primaryKey({ autoIncrement: true }),
    externalId: text('external_id').notNull(),
    ...unitColumns(),
    createdBy: integer('created_by').references(() => users.id),
    ...timestamps,
  };
}

/** The unit a row belongs to and the rated institute it rolls up to (a record's, or a correction's to one). */
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

/** An incident's or a hazard's domain and risk dimension, both from the reference lists. */
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
