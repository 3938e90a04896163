'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { changePasswordAction } from '@/server/actions/account';
import { Field, FormAlert, inputClass } from '@/components/forms/field';
import { SubmitButton } from '@/components/submit-button';

export function ChangePasswordForm() {
  const t = useTranslations('security');
  const [state, action, pending] = useActionState(changePasswordAction, null);
  const err = state && !state.ok ? state.fieldErrors : {};
  const invalid = (f: string) => ({ 'aria-invalid': Boolean(err[f]), 'aria-describedby': err[f] ? `${f}-error` : undefined });
  // Remounted on every answer, so no password stays in the fields.
  return (
    <form action={action} className="space-y-4" key={state?.at ?? 0} data-testid="change-password-form">
      {state?.ok ? <FormAlert ok>{t('passwordChanged', { n: state.data.endedSessions })}</FormAlert> : null}
      {state && !state.ok ? <FormAlert ok={false}>{state.error}</FormAlert> : null}
      <Field id="currentPassword" label={t('currentPassword')} error={err.currentPassword}>
        <input
          id="currentPassword"
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          className={inputClass}
          {...invalid('currentPassword')}
        />
      </Field>
      <Field id="newPassword" label={t('newPassword')} error={err.newPassword} hint={t('newPasswordHint')}>
        <input
          id="newPassword"
          name="newPassword"
          type="password"
          autoComplete="new-password"
          className={inputClass}
          {...invalid('newPassword')}
        />
      </Field>
      <Field id="confirmPassword" label={t('confirmPassword')} error={err.confirmPassword}>
        <input
          id="confirmPassword"
          name="confirmPassword"
          type="password"
          autoComplete="new-password"
          className={inputClass}
          {...invalid('confirmPassword')}
        />
      </Field>
      <SubmitButton pending={pending}>{t('submitChangePassword')}</SubmitButton>
    </form>
  );
}
