import type { z } from 'zod';
import type { RecordKind, RecordTable } from '@/db/records/record-kinds';
import type { FieldSpec } from '@/domain/records/fields';

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
  /** Cross-field checks beyond the schema, as `validation.*` keys by field. */
  check?: (input: I, refs: ReferenceCodes, now: Date) => { field: string; key: string; params?: Record<string, string | number> }[];
  fields: FieldSpec[];
}
