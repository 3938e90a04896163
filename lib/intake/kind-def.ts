import type { z } from 'zod';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { RecordKind } from '@/db/queries/record-kinds';
import type { Actor } from '@/lib/auth/scope-types';
import type { FieldSpec } from './fields';

/** A record table: the shared record columns (see db/schema/record-columns.ts) plus its own. */
export type RecordTable = SQLiteTable & {
  id: SQLiteColumn;
  externalId: SQLiteColumn;
  unitId: SQLiteColumn;
  instituteId: SQLiteColumn;
};

/** The reference tables' codes, loaded once per submission. */
export interface ReferenceCodes {
  domains: ReadonlySet<string>;
  /** Dimension code → the stage it applies to (`all`, or `output` only). */
  dimensions: ReadonlyMap<string, 'all' | 'output'>;
}

export interface BaseInput {
  externalId: string;
  unitCode: string;
  projectExternalId?: string | null;
}

/** A field the caller's role may not set, and why (a `validation.*` key). */
export interface RoleRefusal {
  field: string;
  key: string;
}

/**
 * How one record kind is written and read through the API, forms and imports. API field names equal
 * the table's property names (`plain`), so mapping is a pick; only the unit, the project reference and
 * an assessment's dimensions need more.
 */
export interface KindDef<I extends BaseInput> {
  kind: RecordKind;
  table: RecordTable;
  schema: z.ZodType<I, unknown>;
  /** Fields copied between the input and the row under the same name. */
  plain: readonly string[];
  /** Whether the kind refers to a project of the same institute by `projectExternalId`. */
  project: 'none' | 'optional' | 'required';
  /** Reference codes to check against the domain / dimension tables. */
  codes: Partial<Record<string, 'domain' | 'dimension'>>;
  /** Values for a new record's absent fields (`now` is when the submission was received). */
  defaults: (input: I, now: Date) => Record<string, unknown>;
  /**
   * A field this role may not change (e.g. a reporter clearing the office's concealment finding), judged
   * against the stored record (`before`, absent for a new one) so that resending it unchanged is allowed.
   */
  refuseForRole?: (input: I, actor: Actor, before: Record<string, unknown> | undefined) => RoleRefusal | null;
  /**
   * Statuses that record a reviewer's decision (approved, verified, closed…): a submitter who is not a
   * reviewer may not move a record into or out of one, nor bring a withdrawn record back.
   */
  reservedStatuses?: readonly string[];
  /** Reserved statuses a submitter may still leave (a rejected assessment is corrected and resubmitted). */
  leavableStatuses?: readonly string[];
  /** Cross-field checks beyond the schema, as `validation.*` keys by field. */
  check?: (input: I, refs: ReferenceCodes) => { field: string; key: string; params?: Record<string, string | number> }[];
  fields: FieldSpec[];
}
