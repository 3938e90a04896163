'use client';

import { useActionState, useEffect } from 'react';
import { useRouter } from 'next/navigation';
import { copyAlertRuleSetAction } from '@/server/actions/rule-sets';
import { Field, FormAlert, inputClass } from '@/components/forms/field';

/** Copies an alert rule version to a new name and opens the copy for editing. */
export function CopyAlertRuleSetForm({
  versions,
  from,
  labels,
}: {
  versions: string[];
  from: string;
  labels: { from: string; version: string; versionHint: string; submit: string };
}) {
  const [state, action, pending] = useActionState(copyAlertRuleSetAction, null);
  const router = useRouter();
  useEffect(() => {
    if (state?.ok) router.push(`/alerts/rules/${encodeURIComponent(state.data.version)}`);
  }, [state, router]);
  const err = state && !state.ok ? state.fieldErrors : {};
  const v = state && !state.ok ? (state.values ?? {}) : {};
  return (
    <form action={action} className="grid gap-4 sm:grid-cols-3 sm:items-start" key={state?.at ?? 0} data-testid="copy-alert-rule-set">
      {state && !state.ok ? (
        <div className="sm:col-span-3">
          <FormAlert ok={false}>{state.error}</FormAlert>
        </div>
      ) : null}
      <Field id="alert-copy-from" label={labels.from} error={err.from}>
        <select id="alert-copy-from" name="from" defaultValue={v.from ?? from} className={inputClass} aria-invalid={Boolean(err.from)}>
          {versions.map((version) => (
            <option key={version} value={version}>
              {version}
            </option>
          ))}
        </select>
      </Field>
      <Field id="alert-copy-version" label={labels.version} error={err.version} hint={labels.versionHint}>
        <input
          id="alert-copy-version"
          name="version"
          defaultValue={v.version}
          autoComplete="off"
          className={`${inputClass} font-mono`}
          aria-invalid={Boolean(err.version)}
          aria-describedby={err.version ? 'alert-copy-version-error' : 'alert-copy-version-hint'}
        />
      </Field>
      <div className="sm:pt-6">
        <button
          type="submit"
          disabled={pending}
          className="rounded-md bg-gray-900 px-4 py-2 text-sm font-medium text-white hover:bg-gray-700 disabled:opacity-60"
        >
          {labels.submit}
        </button>
      </div>
    </form>
  );
}
