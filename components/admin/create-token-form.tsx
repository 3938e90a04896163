'use client';

import { useActionState, useState } from 'react';
import { useTranslations } from 'next-intl';
import { createTokenAction } from '@/server/actions/admin';
import { Field, FormAlert, inputClass } from '@/components/forms/field';
import { SubmitButton } from '@/components/submit-button';

export function CreateTokenForm({ logins }: { logins: { login: string; label: string }[] }) {
  const t = useTranslations('admin');
  const [state, action, pending] = useActionState(createTokenAction, null);
  const [copied, setCopied] = useState(false);
  const err = state && !state.ok ? state.fieldErrors : {};
  const v = state && !state.ok ? (state.values ?? {}) : {};
  return (
    <div className="space-y-4">
      {state?.ok ? (
        <div role="status" className="rounded-md border border-amber-300 bg-amber-50 p-4" data-testid="new-token">
          <p className="text-sm text-amber-900">{t('tokenCreated')}</p>
          <div className="mt-2 flex items-center gap-2">
            <code className="flex-1 break-all rounded bg-white px-2 py-1 font-mono text-sm" data-testid="new-token-value">
              {state.data.token}
            </code>
            <button
              type="button"
              className="rounded-md border border-gray-300 bg-white px-3 py-1 text-sm hover:bg-gray-100"
              onClick={() => void navigator.clipboard?.writeText(state.data.token).then(() => setCopied(true))}
            >
              {copied ? t('copied') : t('copy')}
            </button>
          </div>
        </div>
      ) : null}
      <form action={action} className="grid gap-4 sm:grid-cols-3 sm:items-end" data-testid="create-token-form" key={state?.at ?? 0}>
        {state && !state.ok ? (
          <div className="sm:col-span-3">
            <FormAlert ok={false}>{state.error}</FormAlert>
          </div>
        ) : null}
        <Field id="token-login" label={t('tokenFor')} error={err.login}>
          <select id="token-login" name="login" defaultValue={v.login ?? ''} className={inputClass} aria-invalid={Boolean(err.login)}>
            <option value="" disabled>
              {t('selectUser')}
            </option>
            {logins.map((u) => (
              <option key={u.login} value={u.login}>
                {u.label}
              </option>
            ))}
          </select>
        </Field>
        <Field id="token-name" label={t('tokenName')} error={err.name} hint={t('tokenNameHint')}>
          <input id="token-name" name="name" defaultValue={v.name} className={inputClass} aria-invalid={Boolean(err.name)} />
        </Field>
        <div className="sm:pb-5">
          <SubmitButton pending={pending}>{t('submitCreateToken')}</SubmitButton>
        </div>
      </form>
    </div>
  );
}
