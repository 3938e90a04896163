'use client';

import { useActionState, useEffect } from 'react';
import { useRouter } from 'next/navigation';
import type { ActionResult } from '@/server/actions/safe-action';
import { Field, FormAlert, inputClass } from '@/components/forms/field';
import { SubmitButton } from '@/components/submit-button';

type CopyAction = (prev: ActionResult<{ version: string }> | null, form: FormData) => Promise<ActionResult<{ version: string }>>;

/** Copies a version to a new name and opens the copy, where its rules can be edited. */
export function CopyRuleSetForm({
  action: copy,
  rules,
  versions,
  from,
  ids,
  labels,
}: {
  action: CopyAction;
  /** The kind's rules page; the copy opens at `${rules}/<version>`. */
  rules: string;
  versions: string[];
  from: string;
  ids: { form: string; prefix: string };
  labels: { from: string; version: string; versionHint: string; submit: string };
}) {
  const [state, action, pending] = useActionState(copy, null);
  const router = useRouter();
  useEffect(() => {
    if (state?.ok) router.push(`${rules}/${encodeURIComponent(state.data.version)}`);
  }, [state, router, rules]);
  const err = state && !state.ok ? state.fieldErrors : {};
  const v = state && !state.ok ? (state.values ?? {}) : {};
  const fromId = `${ids.prefix}-from`;
  const versionId = `${ids.prefix}-version`;
  return (
    <form action={action} className="grid gap-4 sm:grid-cols-3 sm:items-start" key={state?.at ?? 0} data-testid={ids.form}>
      {state && !state.ok ? (
        <div className="sm:col-span-3">
          <FormAlert ok={false}>{state.error}</FormAlert>
        </div>
      ) : null}
      <Field id={fromId} label={labels.from} error={err.from}>
        <select id={fromId} name="from" defaultValue={v.from ?? from} className={inputClass} aria-invalid={Boolean(err.from)}>
          {versions.map((version) => (
            <option key={version} value={version}>
              {version}
            </option>
          ))}
        </select>
      </Field>
      <Field id={versionId} label={labels.version} error={err.version} hint={labels.versionHint}>
        <input
          id={versionId}
          name="version"
          defaultValue={v.version}
          autoComplete="off"
          className={`${inputClass} font-mono`}
          aria-invalid={Boolean(err.version)}
          aria-describedby={err.version ? `${versionId}-error` : `${versionId}-hint`}
        />
      </Field>
      <div className="sm:pt-6">
        <SubmitButton pending={pending}>{labels.submit}</SubmitButton>
      </div>
    </form>
  );
}
