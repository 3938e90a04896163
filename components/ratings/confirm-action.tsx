'use client';

import { useActionState, useEffect, useRef } from 'react';
import type { ActionResult } from '@/server/actions/safe-action';

const tone = {
  primary: 'bg-gray-900 text-white hover:bg-gray-700',
  danger: 'bg-red-700 text-white hover:bg-red-800',
  quiet: 'border border-gray-300 bg-white text-gray-800 hover:bg-gray-100',
};

/**
 * A button that asks before it acts: a modal dialog names what will happen, and only its confirm button
 * submits the server action. Refusals are shown in the dialog; success closes it and shows `doneText`.
 */
export function ConfirmAction<T>({
  action,
  fields,
  label,
  title,
  body,
  confirmLabel,
  cancelLabel,
  doneText,
  variant = 'primary',
  small = false,
  testId,
}: {
  action: (prev: ActionResult<T> | null, form: FormData) => Promise<ActionResult<T>>;
  fields: Record<string, string | number>;
  label: string;
  title: string;
  body: React.ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  doneText?: string;
  variant?: keyof typeof tone;
  small?: boolean;
  testId?: string;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [state, submit, pending] = useActionState<ActionResult<T> | null, FormData>(action, null);
  useEffect(() => {
    if (state?.ok) dialog.current?.close();
  }, [state]);
  const refusal = state && !state.ok ? [state.error, ...Object.values(state.fieldErrors)].join(' ') : null;
  const size = small ? 'px-2 py-1 text-xs' : 'px-4 py-2 text-sm';
  return (
    <div className="inline-flex flex-col items-start gap-1" data-testid={testId}>
      <button type="button" onClick={() => dialog.current?.showModal()} className={`rounded-md font-medium ${size} ${tone[variant]}`}>
        {label}
      </button>
      {state?.ok && doneText ? (
        <p role="status" className="text-sm text-emerald-800">
          {doneText}
        </p>
      ) : null}
      <dialog
        ref={dialog}
        aria-labelledby={testId ? `${testId}-title` : undefined}
        className="w-full max-w-lg rounded-lg p-0 shadow-xl backdrop:bg-black/40"
      >
        <form action={submit} className="space-y-4 p-6">
          {Object.entries(fields).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <h2 id={testId ? `${testId}-title` : undefined} className="text-lg font-semibold text-gray-900">
            {title}
          </h2>
          <div className="text-sm text-gray-700">{body}</div>
          {refusal ? (
            <p role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">
              {refusal}
            </p>
          ) : null}
          <DialogButtons
            cancelLabel={cancelLabel}
            confirmLabel={confirmLabel}
            pending={pending}
            confirmTone={tone[variant === 'quiet' ? 'primary' : variant]}
            onCancel={() => dialog.current?.close()}
          />
        </form>
      </dialog>
    </div>
  );
}

/** The dialog's two buttons: cancel closes it, confirm submits the action (disabled while it runs). */
function DialogButtons({
  cancelLabel,
  confirmLabel,
  pending,
  confirmTone,
  onCancel,
}: {
  cancelLabel: string;
  confirmLabel: string;
  pending: boolean;
  confirmTone: string;
  onCancel: () => void;
}) {
  return (
    <div className="flex justify-end gap-2">
      <button type="button" onClick={onCancel} className="rounded-md border border-gray-300 bg-white px-4 py-2 text-sm hover:bg-gray-100">
        {cancelLabel}
      </button>
      <button type="submit" disabled={pending} className={`rounded-md px-4 py-2 text-sm font-medium disabled:opacity-60 ${confirmTone}`}>
        {confirmLabel}
      </button>
    </div>
  );
}
