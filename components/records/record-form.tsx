'use client';

import { Fragment, useActionState, useEffect, useRef, useState } from 'react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { FormAlert } from '@/components/forms/field';
import { saveRecordAction } from '@/server/actions/records';
import type { RecordKind } from '@/domain/records/kinds';
import type { TierThresholds } from '@/domain/incidents/effective-tier';
import { FieldInput } from './field-input';
import type { ProjectChoice, UiField, UnitChoice } from './form-types';
import { withUnplaced } from './unplaced';
import { IncidentTierPanel } from './incident-tier-panel';
import { CorrectionReason } from './correction-reason';

export interface RecordFormProps {
  kind: RecordKind;
  /** Set when editing: the record's id. */
  id?: number;
  fields: UiField[];
  initial: Record<string, string>;
  units: UnitChoice[];
  projects: ProjectChoice[];
  cancelHref: string;
  /** The active rule set's, for the live tier panel of an incident. */
  tierThresholds: TierThresholds;
  /** The record is sealed: the form proposes a correction instead of saving (decision 023). */
  propose?: boolean;
}

/** After a save the record's page opens, saying what happened (and why a tier was raised). */
export function savedHref(kind: string, data: { id: number; outcome: string; raisedFrom?: number }): string {
  return `/records/${kind}/${data.id}?saved=${data.outcome}${data.raisedFrom ? `&raisedFrom=${data.raisedFrom}` : ''}`;
}

export function RecordForm(props: RecordFormProps) {
  const t = useTranslations('recordForms');
  const router = useRouter();
  const [state, action, pending] = useActionState(saveRecordAction, null);
  const form = useRef<HTMLFormElement>(null);
  // After a refusal, bring the first problem into view (the form may be long).
  useEffect(() => {
    if (state && !state.ok) form.current?.querySelector('[aria-invalid="true"], [role="alert"]')?.scrollIntoView({ block: 'center' });
  }, [state]);
  useEffect(() => {
    if (state?.ok) router.push(savedHref(props.kind, state.data));
  }, [state, props.kind, router]);
  const values = state && !state.ok ? { ...props.initial, ...(state.values ?? {}) } : props.initial;
  return (
    <form ref={form} action={action} noValidate className="space-y-4" data-testid="record-form" key={state?.at ?? 0}>
      <input type="hidden" name="recordKind" value={props.kind} />
      {props.id ? <input type="hidden" name="id" value={props.id} /> : null}
      {state && !state.ok ? (
        <FormAlert ok={false}>
          {withUnplaced(state.error, state.fieldErrors, (k) => (props.propose && k === 'reason') || props.fields.some((f) => f.code === k))}
        </FormAlert>
      ) : null}
      {state?.ok ? <FormAlert ok>{t('savedOpening')}</FormAlert> : null}
      <FormBody {...props} values={values} errors={state && !state.ok ? state.fieldErrors : {}} />
      {props.propose ? (
        <CorrectionReason value={values.correctionReason} error={state && !state.ok ? state.fieldErrors.reason : undefined} />
      ) : null}
      <div className="flex items-center gap-3 border-t border-gray-200 pt-4">
        <button
          type="submit"
          disabled={pending}
          className="rounded-md bg-gray-900 px-4 py-2 text-sm font-medium text-white hover:bg-gray-700 disabled:opacity-60"
        >
          {pending ? t('saving') : props.propose ? t('proposeCorrection') : t('save')}
        </button>
        <Link href={props.cancelHref} className="text-sm text-gray-600 hover:underline">
          {t('cancel')}
        </Link>
      </div>
    </form>
  );
}

/** The inputs, with what is typed mirrored in state so the project list and the incident panel follow it. */
function FormBody({
  kind,
  fields,
  units,
  projects,
  tierThresholds,
  values,
  errors,
}: RecordFormProps & { values: Record<string, string>; errors: Record<string, string> }) {
  const [now, setNow] = useState(values);
  const track = (e: React.SyntheticEvent) => {
    const target = e.target as HTMLInputElement;
    if (target.name) setNow((v) => ({ ...v, [target.name]: target.type === 'checkbox' ? (target.checked ? 'true' : '') : target.value }));
  };
  const instituteOf = (code: string | undefined) => units.find((u) => u.code === code)?.instituteId ?? null;
  return (
    <div className="grid gap-4 sm:grid-cols-2" onChange={track} onInput={track}>
      {fields.map((f) => (
        <Fragment key={f.code}>
          <div className={f.wide ? 'sm:col-span-2' : undefined}>
            <FieldInput
              field={f}
              value={values[f.code]}
              error={errors[f.code]}
              units={units}
              projects={projects}
              instituteId={instituteOf(now.unitCode)}
            />
          </div>
          {kind === 'incidents' && f.code === 'tier' ? (
            <div className="sm:col-span-2">
              <IncidentTierPanel values={now} thresholds={tierThresholds} />
            </div>
          ) : null}
        </Fragment>
      ))}
    </div>
  );
}
