import { getLocale } from 'next-intl/server';
import { z } from 'zod';
import { getDb, type Db } from '@/db/client';
import { currentActor } from '@/server/auth/current-actor';
import type { Actor } from '@/domain/auth/actor';
import { toLocale, type Locale } from '@/domain/i18n/locales';
import { translate } from '@/domain/i18n/translate';
import { fieldErrors } from '@/domain/i18n/validation';
import { awaitWriteTurn } from '@/features/records/submit-off-thread';
import { actionFailure } from '@/server/errors';

// `at` changes with every answer, so a form can remount with the values it keeps (React resets a form
// after its action, and a <select> would otherwise fall back to its first default).
export type ActionResult<T> =
  | { ok: true; at: number; data: T }
  | { ok: false; at: number; error: string; fieldErrors: Record<string, string>; values?: Record<string, string> };

export interface ActionContext {
  actor: Actor;
  db: Db;
  locale: Locale;
}

/**
 * The one wrapper for server actions: it finds who is asking (through resolveActor), checks the role,
 * validates the form with zod and only then runs the body. Every refusal comes back in the reader's
 * language with the field it concerns (server/errors.ts); an unexpected error is logged and answered
 * generically. Record forms and workflow steps use it too: their refusals show beside their fields.
 */
export function safeAction<S extends z.ZodType, T>(
  config: { schema: S; allow: (actor: Actor) => boolean },
  body: (input: z.output<S>, ctx: ActionContext) => Promise<T> | T,
) {
  return async (_prev: ActionResult<T> | null, form: FormData): Promise<ActionResult<T>> => {
    const locale = toLocale(await getLocale());
    // React adds its own `$ACTION_…` fields; they are not the form's.
    const raw = Object.fromEntries([...form.entries()].filter(([k]) => !k.startsWith('$')));
    // What goes back to refill the form after a refusal: text fields, never a password.
    const values = Object.fromEntries(Object.entries(raw).filter(([k, v]) => typeof v === 'string' && !/password/i.test(k))) as Record<
      string,
      string
    >;
    const fail = (error: string, fields: Record<string, string> = {}): ActionResult<T> => ({
      ok: false,
      at: Date.now(),
      error,
      fieldErrors: fields,
      values,
    });
    const actor = await currentActor();
    if (!actor) return fail(translate(locale, 'actions.signedOut'));
    if (!config.allow(actor)) return fail(translate(locale, 'actions.forbidden'));
    const parsed = config.schema.safeParse(raw);
    if (!parsed.success) {
      return fail(
        translate(locale, 'actions.invalid'),
        Object.fromEntries(fieldErrors(parsed.error, locale, raw).map((e) => [e.field, e.message])),
      );
    }
    try {
      // While the import pool's worker holds SQLite's write lock, wait for the turn here (decision 032), so a form
      // behind a big import is told "busy" after one bounded wait rather than waiting again for the lock in the
      // engine. On PostgreSQL there is no such lock and the turn is given at once.
      const db = getDb();
      await awaitWriteTurn(db);
      return { ok: true, at: Date.now(), data: await body(parsed.data, { actor, db, locale }) };
    } catch (error) {
      // Refusals (a field, a submission, a workflow step, a busy database) are said by the one error mapper.
      const failure = actionFailure(error, locale);
      return fail(failure.error, failure.fields);
    }
  };
}

/**
 * The name record forms and workflow steps were written with; since the one error mapper shows their
 * refusals beside their fields, it is safeAction itself.
 */
export const recordAction = safeAction;
