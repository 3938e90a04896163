import type { FieldSpec } from '@/domain/records/fields';

export interface FieldRow {
  name: string;
  type: string;
  required: boolean;
  rules: string;
}

type JsonSchema = {
  type?: string | string[];
  anyOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  description?: string;
};

/** One readable row per field of a JSON Schema object (as generated from the zod schemas). */
export function describeFields(schema: unknown, specs: readonly FieldSpec[] = [], prefix = ''): FieldRow[] {
  const s = schema as JsonSchema;
  const required = new Set(s.required ?? []);
  const rows: FieldRow[] = [];
  for (const [name, raw] of Object.entries(s.properties ?? {})) {
    const p = raw.anyOf?.find((x) => x.type !== 'null') ?? raw;
    const nullable = Boolean(raw.anyOf?.some((x) => x.type === 'null'));
    const spec = specs.find((f) => f.code === name);
    const rules: string[] = [];
    if (p.enum) rules.push(p.enum.join(' / '));
    if (p.minimum !== undefined && p.maximum !== undefined && p.maximum < Number.MAX_SAFE_INTEGER) rules.push(`${p.minimum}–${p.maximum}`);
    else if (p.minimum !== undefined) rules.push(`≥ ${p.minimum}`);
    if (p.maxLength !== undefined) rules.push(`≤ ${p.maxLength} chars`);
    if (p.description) rules.push(p.description);
    if (spec?.note) rules.push(spec.note);
    if (spec && spec.labelZh) rules.unshift(`${spec.labelZh} / ${spec.labelEn}`);
    const type = p.type === 'array' ? 'array' : String(p.type ?? 'any');
    rows.push({ name: prefix + name, type: nullable ? `${type} | null` : type, required: required.has(name), rules: rules.join('; ') });
    if (p.type === 'array' && p.items?.properties) rows.push(...describeFields(p.items, specs, `${prefix}${name}[].`));
  }
  return rows;
}
