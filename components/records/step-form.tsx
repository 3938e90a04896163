'use client';

import { useActionState, useEffect, useRef } from 'react';
import { useTranslations } from 'next-intl';
import { Field, FormAlert, inputClass } from '@/components/forms/field';
import type { ActionResult } from '@/server/actions/safe-action';
import { withUnplaced } from './unplaced';

export interface StepField {
  name: string;
  label: string;
  type: 'date' | 'textarea' | 'checkbox';
  defaultValue?: string;
  required?: boolean;
  hint?: string;
}

export interface StepButton {
  label: string;
  /** Sent as `name=value` when this button submits (approve / reject). */
  name?: string;
  value?: string;
  tone?: 'primary' | 'danger' | 'neutral';
}

const tones = {
  primary: 'bg-gray-900 text-white hover:bg-gray-700',
  danger: 'bg-red-700 text-white hover:bg-red-800',
  neutral: 'border border-gray-300 bg-white text-gray-800 hover:bg-gray-100',
};

/**
 * One workflow step as a small form: its inputs, its buttons, every refusal beside its field in the
 * reader's language. With `confirm`, the step first opens a dialog that says what will happen.
 */
export function StepForm<T>({
  action,
  hidden,
  fields = [],
  buttons,
  confirm,
  testId,
  done,
}: {
  action: (prev: ActionResult<T> | null, form: FormData) => Promise<ActionResult<T>>;
  hidden: Record<string, string | number>;
  fields?: StepField[];
  buttons: StepButton[];
  confirm?: { trigger: string; title: string; body: string; tone?: StepButton['tone'] };
  testId?: string;
  /** Said after the step went through (when the page itself does not show the change). */
  done?: string;
}) {
  const [state, run, pending] = useActionState(action, null);
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    if (state?.ok) dialog.current?.close();
  }, [state]);
  const err = state && !state.ok ? state.fieldErrors : {};
  const v = state && !state.ok ? (state.values ?? {}) : {};
  const form = (
    <form action={run} noValidate className="space-y-3" key={state?.at ?? 0} data-testid={testId}>
      {Object.entries(hidden).map(([k, val]) => (
        <input key={k} type="hidden" name={k} value={val} />
      ))}
      {state && !state.ok ? (
        <FormAlert ok={false}>{withUnplaced(state.error, err, (k) => fields.some((f) => f.name === k))}</FormAlert>
      ) : null}
      {state?.ok && done ? <FormAlert ok>{done}</FormAlert> : null}
      {fields.map((f) => (
        <StepInput key={f.name} field={f} idPrefix={testId ?? 'step'} error={err[f.name]} value={v[f.name]} />
      ))}
      <StepButtons buttons={buttons} pending={pending} onCancel={confirm ? () => dialog.current?.close() : undefined} />
    </form>
  );
  if (!confirm) return form;
  return (
    <>
      <button
        type="button"
        onClick={() => dialog.current?.showModal()}
        className={`rounded-md px-3 py-1.5 text-sm font-medium ${tones[confirm.tone ?? 'neutral']}`}
      >
        {confirm.trigger}
      </button>
      <dialog ref={dialog} aria-labelledby={`${testId}-title`} className="w-full max-w-lg rounded-lg p-0 shadow-xl backdrop:bg-gray-900/40">
        <div className="space-y-3 p-6">
          <h2 id={`${testId}-title`} className="text-lg font-semibold text-gray-900">
            {confirm.title}
          </h2>
          <p className="text-sm text-gray-700">{confirm.body}</p>
          {form}
        </div>
      </dialog>
    </>
  );
}

/** One input of a step, with the value sent last time after a refusal. */
function StepInput({ field: f, idPrefix, error, value }: { field: StepField; idPrefix: string; error?: string; value?: string }) {
  const id = `${idPrefix}-${f.name}`;
  const a11y = {
    id,
    name: f.name,
    'aria-invalid': Boolean(error),
    'aria-describedby': error ? `${id}-error` : undefined,
  };
  if (f.type === 'checkbox')
    return (
      <div className="flex items-start gap-2">
        <input type="checkbox" value="true" defaultChecked={(value ?? f.defaultValue) === 'true'} className="mt-0.5 rounded" {...a11y} />
        <label htmlFor={id} className="text-sm text-gray-800">
          {f.label}
        </label>
      </div>
    );
  return (
    <Field id={id} label={f.required ? `${f.label} *` : f.label} error={error} hint={f.hint}>
      {f.type === 'textarea' ? (
        <textarea rows={2} defaultValue={value ?? f.defaultValue} className={inputClass} {...a11y} />
      ) : (
        <input type="date" defaultValue={value ?? f.defaultValue} className={inputClass} {...a11y} />
      )}
    </Field>
  );
}

/** The step's buttons; in a confirmation dialog, a cancel button that closes it. */
function StepButtons({ buttons, pending, onCancel }: { buttons: StepButton[]; pending: boolean; onCancel?: () => void }) {
  const t = useTranslations('recordForms');
  return (
    <div className="flex flex-wrap gap-2">
      {buttons.map((b) => (
        <button
          key={b.label}
          type="submit"
          name={b.name}
          value={b.value}
          disabled={pending}
          className={`rounded-md px-3 py-1.5 text-sm font-medium disabled:opacity-60 ${tones[b.tone ?? 'primary']}`}
        >
          {b.label}
        </button>
      ))}
      {onCancel ? (
        <button
          type="button"
          onClick={onCancel}
          className="rounded-md border border-gray-300 bg-white px-3 py-1.5 text-sm text-gray-800 hover:bg-gray-100"
        >
          {t('cancel')}
        </button>
      ) : null}
    </div>
  );
}
