'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { loginAction, type LoginState } from '@/server/actions/auth';
import { Field, FormAlert, inputClass } from '@/components/forms/field';

export function LoginForm({ next }: { next?: string }) {
  const t = useTranslations('login');
  const ts = useTranslations('security');
  const [state, action, pending] = useActionState<LoginState, FormData>(loginAction, {});
  const err = state.fieldErrors ?? {};
  return (
    <form action={action} className="space-y-4" noValidate>
      {next ? <input type="hidden" name="next" value={next} /> : null}
      {state.error ? (
        <FormAlert ok={false}>
          {state.error === 'busy' || state.error === 'dbBusy'
            ? ts(state.error === 'busy' ? 'busyFor' : 'dbBusyFor', { seconds: state.retryAfterSeconds ?? 1 })
            : state.error === 'throttled' && state.retryAfterSeconds
              ? ts('throttledFor', { seconds: state.retryAfterSeconds })
              : t(state.error)}
        </FormAlert>
      ) : null}
      <Field id="login" label={t('login')} error={err.login ? t(err.login) : undefined}>
        <input
          id="login"
          name="login"
          autoComplete="username"
          defaultValue={state.login}
          aria-invalid={Boolean(err.login)}
          aria-describedby={err.login ? 'login-error' : undefined}
          className={inputClass}
        />
      </Field>
      <Field id="password" label={t('password')} error={err.password ? t(err.password) : undefined}>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          aria-invalid={Boolean(err.password)}
          aria-describedby={err.password ? 'password-error' : undefined}
          className={inputClass}
        />
      </Field>
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded-md bg-red-700 px-4 py-2 font-medium text-white hover:bg-red-800 disabled:opacity-60"
      >
        {pending ? t('submitting') : t('submit')}
      </button>
    </form>
  );
}
