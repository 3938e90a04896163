'use client';

import { useActionState } from 'react';
import type { FormFieldView } from '@/domain/rule-sets/form-kit';
import type { ActionResult } from '@/server/actions/safe-action';
import { FormAlert } from '@/components/forms/field';
import { RuleFieldInput } from './field-input';
import { SubmitButton } from '@/components/submit-button';

type UpdateAction = (prev: ActionResult<{ version: string }> | null, form: FormData) => Promise<ActionResult<{ version: string }>>;

/**
 * The rules of an editable version, one input per leaf, grouped (by section, or by alert rule). The server
 * validates the whole rule set and names every field at fault in the reader's language.
 */
export function RuleSetEditForm({
  action: update,
  version,
  fields,
  groups,
  values,
  levelChoices,
  noneLabel,
  labels,
  ui,
}: {
  action: UpdateAction;
  version: string;
  fields: FormFieldView[];
  groups: { key: string; title: string; tag?: string }[];
  values: Record<string, string>;
  levelChoices: { value: string; label: string }[];
  noneLabel: string;
  labels: { save: string; saved: string };
  ui: { testId: string; idPrefix: string; form: string; grid: string; numbers: 'numeric' | 'decimal' };
}) {
  const [state, action, pending] = useActionState(update, null);
  const refused = state && !state.ok ? state : null;
  const err = refused ? refused.fieldErrors : {};
  // After a refusal the form shows what was sent; an unticked box was not sent, so it shows unticked.
  const shown = (f: FormFieldView) =>
    refused ? (refused.values?.[f.name] ?? (f.kind === 'boolean' ? undefined : values[f.name])) : values[f.name];
  const id = (name: string) => `${ui.idPrefix}-${name.replace(/[^A-Za-z0-9]/g, '-')}`;
  return (
    <form action={action} className={ui.form} key={state?.at ?? 0} data-testid={ui.testId} noValidate>
      <input type="hidden" name="version" value={version} />
      {state?.ok ? <FormAlert ok>{labels.saved}</FormAlert> : null}
      {refused ? <FormAlert ok={false}>{[refused.error, err.version, err['(form)']].filter(Boolean).join(' ')}</FormAlert> : null}
      {groups.map((g) => (
        <fieldset key={g.key} className="rounded-lg border border-gray-200 bg-white p-4">
          <legend className="px-1 font-semibold text-gray-900">
            {g.title}
            {g.tag ? (
              <>
                {' '}
                <span className="font-mono text-xs font-normal text-gray-500">{g.tag}</span>
              </>
            ) : null}
          </legend>
          <div className={`grid gap-4 ${ui.grid}`}>
            {fields
              .filter((f) => f.group === g.key)
              .map((f) => (
                <RuleFieldInput
                  key={f.name}
                  field={f}
                  id={id(f.name)}
                  value={shown(f)}
                  error={err[f.name]}
                  levelChoices={levelChoices}
                  noneLabel={noneLabel}
                  numbers={ui.numbers}
                />
              ))}
          </div>
        </fieldset>
      ))}
      <SubmitButton pending={pending}>{labels.save}</SubmitButton>
    </form>
  );
}
