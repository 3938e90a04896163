import { z } from 'zod';

// What the two rule-set edit forms share (rating-texts.ts, alert-texts.ts): a version is edited as flat
// form values, one input per leaf of its body named by the leaf's dotted path; the values go back into a
// body, the kind's schema validates it, and every problem is named by its input so the action can say it
// in the reader's language next to that input.

/** How an input edits its leaf: a tick box, a number, a colour, or a colour that may be "none" (null). */
export type FormFieldKind = 'boolean' | 'number' | 'level' | 'levelOrNone';

/** A field as the form component draws it: its input's name, what it edits, its label and its group. */
export interface FormFieldView {
  name: string;
  kind: FormFieldKind;
  label: string;
  group: string;
}

/** The choice that means null: no floor, no alert for this tier. */
export const NONE = 'none';

export function valueAt(node: unknown, path: readonly string[]): unknown {
  return path.reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), node);
}

/** Sets a leaf of a nested body, making the objects on its way. */
export function setAt(body: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = body;
  for (const part of path.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
  node[path[path.length - 1]!] = value;
}

/** A body as form values: its version, then each field's leaf as text (null as "none"). */
export function formValues(
  body: { version: string },
  fields: readonly { name: string; keys: readonly string[] }[],
): Record<string, string> {
  const values: Record<string, string> = { version: body.version };
  for (const f of fields) {
    const v = valueAt(body, f.keys);
    values[f.name] = v === null ? NONE : String(v);
  }
  return values;
}

/**
 * One input's text as the leaf it edits: a ticked box is "on", a blank is missing, a number is a number
 * only when the whole text is one (`numberPattern`), "none" is null where a colour may be none. Anything
 * else stays text, so the schema refuses it with the input's name.
 */
export function leafValue(kind: FormFieldKind, value: unknown, numberPattern: RegExp): unknown {
  const text = typeof value === 'string' ? value.trim() : value;
  if (kind === 'boolean') return text === 'on' || text === 'true';
  if (text === '' || text === undefined) return undefined;
  if (kind === 'number' && typeof text === 'string' && numberPattern.test(text)) return Number(text);
  if (kind === 'levelOrNone') return text === NONE ? null : text;
  return text;
}

type Ctx = z.core.$RefinementCtx;
export type FormIssue = Exclude<Parameters<Ctx['addIssue']>[0], string>;
type SchemaIssue = z.core.$ZodIssue;

/**
 * The form schema of a kind: flat values → body (`toBody`) → the kind's schema. Each problem is renamed to
 * its input (the dotted path, or "(form)"); `explain` may restate one the office could not act on as said
 * (a cross-field check, a number typed with letters), and any other keeps zod's own code.
 */
export function fieldNamedSchema<T>(
  schema: z.ZodType<T>,
  toBody: (raw: Record<string, unknown>) => Record<string, unknown>,
  explain: (issue: SchemaIssue, field: string, body: Record<string, unknown>, raw: Record<string, unknown>) => FormIssue | undefined,
) {
  return z.record(z.string(), z.unknown()).transform((raw, ctx): T => {
    const body = toBody(raw);
    const parsed = schema.safeParse(body);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) {
      const field = issue.path.map(String).join('.') || '(form)';
      const { message: _english, path: _path, ...rest } = issue;
      ctx.addIssue(explain(issue, field, body, raw) ?? ({ ...rest, path: [field] } as FormIssue));
    }
    return z.NEVER;
  });
}
