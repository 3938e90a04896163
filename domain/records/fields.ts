// What a record kind's fields are, once, for the spreadsheet templates, the import's column matching and
// the forms' conversion of text to typed values. The same shape as the import library's ColumnSpec.
export type FieldType = 'string' | 'integer' | 'number' | 'boolean' | 'date' | 'datetime' | 'enum';

export interface FieldSpec {
  code: string;
  labelZh: string;
  labelEn: string;
  required: boolean;
  type: FieldType;
  options?: readonly string[];
  example: string;
  note?: string;
}

const TRUE = new Set(['true', '1', 'yes', 'y', '是', '√']);
const FALSE = new Set(['false', '0', 'no', 'n', '否', '×']);

/**
 * Text from a form or a spreadsheet, typed as the API's JSON would be, so one zod schema validates all
 * three. Empty text is absent (undefined); anything that does not convert is left as text for zod to
 * refuse with the field's name.
 */
export function typedFromText(values: Record<string, string | null | undefined>, fields: readonly FieldSpec[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const raw = values[f.code];
    if (raw === undefined || raw === null) continue;
    const text = raw.trim();
    if (text === '') continue;
    // A list of numeric codes (a tier, a likelihood) holds numbers in the API's JSON.
    const numericList = f.type === 'enum' && f.options?.length && f.options.every((o) => /^\d+$/.test(o));
    out[f.code] = convert(text, numericList ? 'integer' : f.type);
  }
  return out;
}

function convert(text: string, type: FieldType): unknown {
  switch (type) {
    case 'integer':
      return /^[+-]?\d+$/.test(text) ? Number(text) : text;
    case 'number':
      // `\d+\.?\d*` would split a run of digits every possible way before refusing it: quadratic.
      return /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text) ? Number(text) : text;
    case 'boolean': {
      const t = text.toLowerCase();
      return TRUE.has(t) ? true : FALSE.has(t) ? false : text;
    }
    default:
      return text;
  }
}
