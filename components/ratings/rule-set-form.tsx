'use client';

import { useActionState } from 'react';
import { updateRuleSetAction } from '@/server/actions/rule-sets';
import { Field, FormAlert, inputClass } from '@/components/forms/field';

export interface RuleSetFormField {
  path: string;
  kind: 'number' | 'level';
  label: string;
  section: string;
}

/**
 * The numbers of an editable version, one input per number and one choice per floor, grouped by section.
 * The server validates the whole rule set and names every field at fault in the reader's language.
 */
export function RuleSetForm({
  version,
  fields,
  values,
  sections,
  levelChoices,
  labels,
}: {
  version: string;
  fields: RuleSetFormField[];
  values: Record<string, string>;
  sections: { key: string; title: string }[];
  levelChoices: { value: string; label: string }[];
  labels: { save: string; saved: string };
}) {
  const [state, action, pending] = useActionState(updateRuleSetAction, null);
  const err = state && !state.ok ? state.fieldErrors : {};
  const shown = state && !state.ok ? { ...values, ...(state.values ?? {}) } : values;
  const id = (path: string) => `rule-${path.replace(/[^A-Za-z0-9]/g, '-')}`;
  return (
    <form action={action} className="space-y-6" key={state?.at ?? 0} data-testid="rule-set-form" noValidate>
      <input type="hidden" name="version" value={version} />
      {state?.ok ? <FormAlert ok>{labels.saved}</FormAlert> : null}
      {state && !state.ok ? <FormAlert ok={false}>{[state.error, err.version, err['(form)']].filter(Boolean).join(' ')}</FormAlert> : null}
      {sections.map((s) => (
        <fieldset key={s.key} className="rounded-lg border border-gray-200 bg-white p-4">
          <legend className="px-1 font-semibold text-gray-900">{s.title}</legend>
          <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {fields
              .filter((f) => f.section === s.key)
              .map((f) => (
                <Field key={f.path} id={id(f.path)} label={f.label} error={err[f.path]}>
                  {f.kind === 'level' ? (
                    <select
                      id={id(f.path)}
                      name={f.path}
                      defaultValue={shown[f.path]}
                      className={inputClass}
                      aria-invalid={Boolean(err[f.path])}
                      aria-describedby={err[f.path] ? `${id(f.path)}-error` : undefined}
                    >
                      {levelChoices.map((c) => (
                        <option key={c.value} value={c.value}>
                          {c.label}
                        </option>
                      ))}
                    </select>
                  ) : (
                    <input
                      id={id(f.path)}
                      name={f.path}
                      defaultValue={shown[f.path]}
                      inputMode="numeric"
                      className={`${inputClass} tabular-nums`}
                      aria-invalid={Boolean(err[f.path])}
                      aria-describedby={err[f.path] ? `${id(f.path)}-error` : undefined}
                    />
                  )}
                </Field>
              ))}
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
