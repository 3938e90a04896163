import type { z } from 'zod';
import type { Actor } from '@/domain/auth/actor';
import type { Locale } from '@/domain/i18n/locales';
import { translate } from '@/domain/i18n/translate';
import { SubmissionRefused } from '@/features/records/submit';
import { WorkflowRefused } from '@/features/records/workflow';
import { safeAction, type ActionContext, type ActionResult } from '@/server/actions/safe-action';

type Outcome<T> = { done: T } | { refused: { error: string; fields: Record<string, string> } };

// Problems about the whole record or the caller rather than one input go above the form.
const notAField = (field: string) => field.startsWith('(');

/** A refused submission or workflow step as the form shows it: each problem beside its field. */
export function refusalForForm(error: unknown, locale: Locale): { error: string; fields: Record<string, string> } | null {
  let problems: { field: string; message: string }[];
  let reason: 'forbidden' | 'invalid';
  if (error instanceof SubmissionRefused) {
    problems = error.problems.map((p) => ({ field: p.field, message: p.say(locale) }));
    reason = error.reason;
  } else if (error instanceof WorkflowRefused) {
    problems = error.say(locale);
    reason = error.reason;
  } else return null;
  const fields: Record<string, string> = {};
  for (const p of problems.filter((p) => !notAField(p.field)))
    fields[p.field] = fields[p.field] ? `${fields[p.field]} ${p.message}` : p.message;
  const general = problems.filter((p) => notAField(p.field)).map((p) => p.message);
  const fallback = translate(locale, reason === 'forbidden' ? 'actions.forbidden' : 'actions.invalid');
  return { error: general.length ? general.join(' ') : fallback, fields };
}

/** The form's text fields, to refill it after a refusal (as safeAction does). */
function formValues(form: FormData): Record<string, string> {
  return Object.fromEntries(
    [...form.entries()].filter(([k, v]) => !k.startsWith('$') && typeof v === 'string' && !/password/i.test(k)) as [string, string][],
  );
}

/**
 * safeAction for record forms and workflow steps: the same sign-in, role and zod checks, plus the
 * refusals of submitRecords and the workflow shown beside their fields with what was typed kept.
 */
export function recordAction<S extends z.ZodType, T>(
  config: { schema: S; allow: (actor: Actor) => boolean },
  body: (input: z.output<S>, ctx: ActionContext) => Promise<T> | T,
) {
  const inner = safeAction(config, async (input, ctx): Promise<Outcome<T>> => {
    try {
      return { done: await body(input, ctx) };
    } catch (error) {
      const refused = refusalForForm(error, ctx.locale);
      if (refused) return { refused };
      throw error;
    }
  });
  return async (_prev: ActionResult<T> | null, form: FormData): Promise<ActionResult<T>> => {
    const result = await inner(null, form);
    if (!result.ok) return result;
    if ('refused' in result.data)
      return {
        ok: false,
        at: result.at,
        error: result.data.refused.error,
        fieldErrors: result.data.refused.fields,
        values: formValues(form),
      };
    return { ok: true, at: result.at, data: result.data.done };
  };
}
