'use client';

import { useActionState, useEffect, useRef } from 'react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { FormAlert } from '@/components/forms/field';
import { saveRecordAction } from '@/server/actions/records';
import { withUnplaced } from './unplaced';
import { CorrectionReason } from './correction-reason';

// What the record forms share (record-form.tsx, assessment-form.tsx): the save action and its answer, and the
// form around their own inputs and buttons.

/** After a save the record's page opens, saying what happened (and why a tier was raised). */
export function savedHref(kind: string, data: { id: number; outcome: string; raisedFrom?: number }): string {
  return `/records/${kind}/${data.id}?saved=${data.outcome}${data.raisedFrom ? `&raisedFrom=${data.raisedFrom}` : ''}`;
}

/**
 * The save of a record of `kind`: the form's ref, and the action with its state, what the fields show
 * (what was typed, after a refusal) and their errors. After a refusal the first problem is brought into
 * view (the form may be long); after a save the record's page opens.
 */
export function useSaveRecord(kind: string, initial: Record<string, string>) {
  const router = useRouter();
  const [state, action, pending] = useActionState(saveRecordAction, null);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state && !state.ok) form.current?.querySelector('[aria-invalid="true"], [role="alert"]')?.scrollIntoView({ block: 'center' });
  }, [state]);
  useEffect(() => {
    if (state?.ok) router.push(savedHref(kind, state.data));
  }, [state, kind, router]);
  const values = state && !state.ok ? { ...initial, ...(state.values ?? {}) } : initial;
  const errors = state && !state.ok ? state.fieldErrors : {};
  return { form, save: { state, action, pending, values, errors } };
}

/**
 * The form: what the action needs to know (kind, id), why a save was refused (with the problems no field
 * of `shown` displays) or that it was saved, the inputs, the correction's reason when the record is sealed
 * (decision 023), then the buttons. Remounted on every answer.
 */
export function SaveRecordForm({
  formRef,
  save,
  kind,
  id,
  testId,
  className,
  shown,
  propose,
  buttons,
  children,
}: {
  formRef: ReturnType<typeof useSaveRecord>['form'];
  save: ReturnType<typeof useSaveRecord>['save'];
  kind: string;
  id?: number;
  testId: string;
  className: string;
  shown: (field: string) => boolean;
  propose?: boolean;
  buttons: React.ReactNode;
  children: React.ReactNode;
}) {
  const t = useTranslations('recordForms');
  const { state } = save;
  return (
    <form ref={formRef} action={save.action} noValidate className={className} data-testid={testId} key={state?.at ?? 0}>
      <input type="hidden" name="recordKind" value={kind} />
      {id ? <input type="hidden" name="id" value={id} /> : null}
      {state && !state.ok ? <FormAlert ok={false}>{withUnplaced(state.error, state.fieldErrors, shown)}</FormAlert> : null}
      {state?.ok ? <FormAlert ok>{t('savedOpening')}</FormAlert> : null}
      {children}
      {propose ? <CorrectionReason value={save.values.correctionReason} error={save.errors.reason} /> : null}
      {buttons}
    </form>
  );
}

/** The form's main button (`intent`: the value it submits as `intent`, if any), then the way out. */
export function SaveAndCancel({
  pending,
  intent,
  label,
  cancelHref,
}: {
  pending: boolean;
  intent?: string;
  label: string;
  cancelHref: string;
}) {
  const t = useTranslations('recordForms');
  return (
    <>
      <button
        type="submit"
        name={intent ? 'intent' : undefined}
        value={intent}
        disabled={pending}
        className="rounded-md bg-gray-900 px-4 py-2 text-sm font-medium text-white hover:bg-gray-700 disabled:opacity-60"
      >
        {label}
      </button>
      <Link href={cancelHref} className="text-sm text-gray-600 hover:underline">
        {t('cancel')}
      </Link>
    </>
  );
}
