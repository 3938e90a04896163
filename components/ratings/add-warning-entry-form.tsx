'use client';

import { useActionState } from 'react';
import { addEntryAction } from '@/server/actions/warning-list';
import { ChoiceSelect, Field, FormAlert, inputClass } from '@/components/forms/field';
import { SubmitButton } from '@/components/submit-button';

/** The office adds a unit, or a named person of it, with a reason. */
export function AddWarningEntryForm({
  units,
  labels,
}: {
  units: { code: string; label: string }[];
  labels: { unit: string; selectUnit: string; personName: string; reason: string; submit: string; done: string };
}) {
  const [state, action, pending] = useActionState(addEntryAction, null);
  const err = state && !state.ok ? state.fieldErrors : {};
  const v = state && !state.ok ? (state.values ?? {}) : {};
  const invalid = (f: string) => ({ 'aria-invalid': Boolean(err[f]), 'aria-describedby': err[f] ? `warn-${f}-error` : undefined });
  return (
    <form action={action} className="grid gap-4 sm:grid-cols-2" key={state?.at ?? 0} data-testid="add-warning-entry">
      <div className="sm:col-span-2">
        {state?.ok ? <FormAlert ok>{labels.done}</FormAlert> : null}
        {state && !state.ok ? <FormAlert ok={false}>{[state.error, err['(form)']].filter(Boolean).join(' ')}</FormAlert> : null}
      </div>
      <Field id="warn-unitCode" label={labels.unit} error={err.unitCode}>
        <ChoiceSelect
          id="warn-unitCode"
          name="unitCode"
          placeholder={labels.selectUnit}
          options={units.map((u) => ({ value: u.code, label: u.label }))}
          defaultValue={v.unitCode}
          invalid={invalid('unitCode')}
        />
      </Field>
      <Field id="warn-personName" label={labels.personName} error={err.personName}>
        <input id="warn-personName" name="personName" defaultValue={v.personName} className={inputClass} {...invalid('personName')} />
      </Field>
      <div className="sm:col-span-2">
        <Field id="warn-reason" label={labels.reason} error={err.reason}>
          <textarea id="warn-reason" name="reason" rows={2} defaultValue={v.reason} className={inputClass} {...invalid('reason')} />
        </Field>
      </div>
      <div className="sm:col-span-2">
        <SubmitButton pending={pending}>{labels.submit}</SubmitButton>
      </div>
    </form>
  );
}
