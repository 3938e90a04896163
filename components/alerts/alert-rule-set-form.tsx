'use client';

import { useActionState } from 'react';
import { updateAlertRuleSetAction } from '@/server/actions/rule-sets';
import { Field, FormAlert, inputClass } from '@/components/forms/field';

export interface AlertRuleFormField {
  name: string;
  rule: string;
  kind: 'boolean' | 'number' | 'level' | 'levelOrNone';
  label: string;
}

/** The rules of an editable alert version: per rule an on/off box and its numbers and colours. */
export function AlertRuleSetForm({
  version,
  fields,
  values,
  rules,
  levelChoices,
  noneLabel,
  labels,
}: {
  version: string;
  fields: AlertRuleFormField[];
  values: Record<string, string>;
  rules: { rule: string; title: string }[];
  levelChoices: { value: string; label: string }[];
  noneLabel: string;
  labels: { save: string; saved: string };
}) {
  const [state, action, pending] = useActionState(updateAlertRuleSetAction, null);
  const err = state && !state.ok ? state.fieldErrors : {};
  // After a refusal the form shows what was sent; an unticked box was not sent, so it shows unticked.
  const shown = state && !state.ok ? (state.values ?? {}) : values;
  const id = (name: string) => `alert-rule-${name.replace(/[^A-Za-z0-9]/g, '-')}`;
  return (
    <form action={action} className="space-y-4" key={state?.at ?? 0} data-testid="alert-rule-set-form" noValidate>
      <input type="hidden" name="version" value={version} />
      {state?.ok ? <FormAlert ok>{labels.saved}</FormAlert> : null}
      {state && !state.ok ? <FormAlert ok={false}>{[state.error, err.version, err['(form)']].filter(Boolean).join(' ')}</FormAlert> : null}
      {rules.map((r) => (
        <fieldset key={r.rule} className="rounded-lg border border-gray-200 bg-white p-4">
          <legend className="px-1 font-semibold text-gray-900">
            {r.title} <span className="font-mono text-xs font-normal text-gray-500">{r.rule}</span>
          </legend>
          <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
            {fields
              .filter((f) => f.rule === r.rule)
              .map((f) =>
                f.kind === 'boolean' ? (
                  <label key={f.name} className="flex items-center gap-2 pt-6 text-sm" htmlFor={id(f.name)}>
                    <input
                      id={id(f.name)}
                      type="checkbox"
                      name={f.name}
                      defaultChecked={shown[f.name] === 'true' || shown[f.name] === 'on'}
                      className="rounded border-gray-300"
                    />
                    {f.label}
                  </label>
                ) : (
                  <Field key={f.name} id={id(f.name)} label={f.label} error={err[f.name]}>
                    {f.kind === 'number' ? (
                      <input
                        id={id(f.name)}
                        name={f.name}
                        defaultValue={shown[f.name]}
                        inputMode="decimal"
                        className={`${inputClass} tabular-nums`}
                        aria-invalid={Boolean(err[f.name])}
                        aria-describedby={err[f.name] ? `${id(f.name)}-error` : undefined}
                      />
                    ) : (
                      <select
                        id={id(f.name)}
                        name={f.name}
                        defaultValue={shown[f.name]}
                        className={inputClass}
                        aria-invalid={Boolean(err[f.name])}
                        aria-describedby={err[f.name] ? `${id(f.name)}-error` : undefined}
                      >
                        {f.kind === 'levelOrNone' ? <option value="none">{noneLabel}</option> : null}
                        {levelChoices.map((c) => (
                          <option key={c.value} value={c.value}>
                            {c.label}
                          </option>
                        ))}
                      </select>
                    )}
                  </Field>
                ),
              )}
          </div>
        </fieldset>
      ))}
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-gray-900 px-4 py-2 text-sm font-medium text-white hover:bg-gray-700 disabled:opacity-60"
      >
        {labels.save}
      </button>
    </form>
  );
}
