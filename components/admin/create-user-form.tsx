'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { createUserAction } from '@/server/actions/admin';
import { roles } from '@/domain/reference/roles';
import { ChoiceSelect, Field, FormAlert, inputClass } from '@/components/forms/field';
import { SubmitButton } from '@/components/submit-button';

export interface UnitOption {
  code: string;
  label: string;
}

export function CreateUserForm({ units }: { units: UnitOption[] }) {
  const t = useTranslations();
  const [state, action, pending] = useActionState(createUserAction, null);
  const err = state && !state.ok ? state.fieldErrors : {};
  const v = state && !state.ok ? (state.values ?? {}) : {};
  const invalid = (f: string) => ({ 'aria-invalid': Boolean(err[f]), 'aria-describedby': err[f] ? `${f}-error` : undefined });
  // Remounted on every answer: empty after a success, refilled with what was typed after a refusal.
  return (
    <form action={action} className="grid gap-4 sm:grid-cols-2" key={state?.at ?? 0} data-testid="create-user-form">
      <div className="sm:col-span-2">
        {state?.ok ? <FormAlert ok>{t('admin.userCreated', { login: state.data.login })}</FormAlert> : null}
        {state && !state.ok ? <FormAlert ok={false}>{state.error}</FormAlert> : null}
      </div>
      <Field id="login" label={t('admin.login')} error={err.login}>
        <input id="login" name="login" defaultValue={v.login} autoComplete="off" className={inputClass} {...invalid('login')} />
      </Field>
      <Field id="displayName" label={t('admin.displayName')} error={err.displayName}>
        <input id="displayName" name="displayName" defaultValue={v.displayName} className={inputClass} {...invalid('displayName')} />
      </Field>
      <Field id="password" label={t('admin.password')} error={err.password} hint={t('admin.passwordHint')}>
        <input id="password" name="password" type="password" autoComplete="new-password" className={inputClass} {...invalid('password')} />
      </Field>
      <Field id="role" label={t('admin.role')} error={err.role}>
        <ChoiceSelect
          id="role"
          name="role"
          placeholder={t('admin.selectRole')}
          options={roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          defaultValue={v.role}
          invalid={invalid('role')}
        />
      </Field>
      <div className="sm:col-span-2">
        <Field id="unitCode" label={t('admin.unitCode')} error={err.unitCode}>
          <ChoiceSelect
            id="unitCode"
            name="unitCode"
            placeholder={t('admin.selectUnit')}
            options={units.map((u) => ({ value: u.code, label: u.label }))}
            defaultValue={v.unitCode}
            invalid={invalid('unitCode')}
          />
        </Field>
      </div>
      <div className="sm:col-span-2">
        <SubmitButton pending={pending}>{t('admin.submitCreateUser')}</SubmitButton>
      </div>
    </form>
  );
}
