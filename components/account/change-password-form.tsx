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
  // Remounted on every answer, so no password stays in the fields.
  return (
    <form action={action} className="space-y-4" key={state?.at ?? 0} data-testid="change-password-form">
      {state?.ok ? <FormAlert ok>{t('passwordChanged', { n: state.data.endedSessions })}</FormAlert> : null}
      {state && !state.ok ? <FormAlert ok={false}>{state.error}</FormAlert> : null}
      <PasswordField name="currentPassword" label={t('currentPassword')} autoComplete="current-password" error={err.currentPassword} />
      <PasswordField
        name="newPassword"
        label={t('newPassword')}
        autoComplete="new-password"
        error={err.newPassword}
        hint={t('newPasswordHint')}
      />
      <PasswordField name="confirmPassword" label={t('confirmPassword')} autoComplete="new-password" error={err.confirmPassword} />
      <SubmitButton pending={pending}>{t('submitChangePassword')}</SubmitButton>
    </form>
  );
}

/** One password input in its labelled field, named and identified by `name`, its error described. */
function PasswordField({
  name,
  label,
  autoComplete,
  error,
  hint,
}: {
  name: string;
  label: string;
  autoComplete: 'current-password' | 'new-password';
  error?: string;
  hint?: string;
}) {
  return (
    <Field id={name} label={label} error={error} hint={hint}>
      <input
        id={name}
        name={name}
        type="password"
        autoComplete={autoComplete}
        className={inputClass}
        aria-invalid={Boolean(error)}
        aria-describedby={error ? `${name}-error` : undefined}
      />
    </Field>
  );
}
