/** What a caller declares about one column of an importable record kind. */
export type ColumnType = 'string' | 'integer' | 'number' | 'boolean' | 'date' | 'datetime' | 'enum';

export interface ColumnSpec {
  /** The field code, as in the API (`externalId`, `occurredAt`). */
  code: string;
  labelZh: string;
  labelEn: string;
  required: boolean;
  type: ColumnType;
  /** Allowed values of an enum column, as codes. */
  options?: readonly string[];
  /** The template's example value, written as the API would take it (`2025-03-04`, `2025-03-04 09:30`, `true`). */
  example: string;
  note?: string;
  /** The options' labels, listed in the template and accepted in place of the codes. */
  optionLabels?: Record<string, { zh: string; en: string }>;
}
