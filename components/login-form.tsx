'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { loginAction, type LoginState } from '@/lib/actions/auth';

export function LoginForm({ next }: { next?: string }) {
  const t = useTranslations('login');
  const [state, action, pending] = useActionState<LoginState, FormData>(loginAction, {});
  return (
    <form action={action} className="space-y-4" noValidate>
      {next ? <input type="hidden" name="next" value={next} /> : null}
      {state.error ? (
        <p role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">
          {t(state.error)}
        </p>
      ) : null}
      <div>
        <label htmlFor="login" className="block text-sm font-medium text-gray-700">
          {t('login')}
        </label>
        <input
          id="login"
          name="login"
          autoComplete="username"
          defaultValue={state.login}
          aria-invalid={Boolean(state.fieldErrors?.login)}
          aria-describedby={state.fieldErrors?.login ? 'login-error' : undefined}
          className="mt-1 block w-full rounded-md border-gray-300 shadow-sm focus:border-blue-600 focus:ring-blue-600"
        />
        {state.fieldErrors?.login ? (
          <p id="login-error" className="mt-1 text-sm text-red-700">
            {t(state.fieldErrors.login)}
          </p>
        ) : null}
      </div>
      <div>
        <label htmlFor="password" className="block text-sm font-medium text-gray-700">
          {t('password')}
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          aria-invalid={Boolean(state.fieldErrors?.password)}
          aria-describedby={state.fieldErrors?.password ? 'password-error' : undefined}
          className="mt-1 block w-full rounded-md border-gray-300 shadow-sm focus:border-blue-600 focus:ring-blue-600"
        />
        {state.fieldErrors?.password ? (
          <p id="password-error" className="mt-1 text-sm text-red-700">
            {t(state.fieldErrors.password)}
          </p>
        ) : null}
      </div>
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
