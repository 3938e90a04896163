'use client';

import { Fragment, useState } from 'react';
import { useTranslations } from 'next-intl';
import type { RecordKind } from '@/domain/records/kinds';
import type { TierThresholds } from '@/domain/incidents/effective-tier';
import { FieldInput } from './field-input';
import type { ProjectChoice, UiField, UnitChoice } from './form-types';
import { IncidentTierPanel } from './incident-tier-panel';
import { SaveAndCancel, SaveRecordForm, useSaveRecord } from './save-record';

export { savedHref } from './save-record';

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

export function RecordForm(props: RecordFormProps) {
  const t = useTranslations('recordForms');
  const { form, save } = useSaveRecord(props.kind, props.initial);
  return (
    <SaveRecordForm
      formRef={form}
      save={save}
      kind={props.kind}
      id={props.id}
      testId="record-form"
      className="space-y-4"
      shown={(k) => (props.propose && k === 'reason') || props.fields.some((f) => f.code === k)}
      propose={props.propose}
      buttons={
        <div className="flex items-center gap-3 border-t border-gray-200 pt-4">
          <SaveAndCancel
            pending={save.pending}
            label={save.pending ? t('saving') : props.propose ? t('proposeCorrection') : t('save')}
            cancelHref={props.cancelHref}
          />
        </div>
      }
    >
      <FormBody {...props} values={save.values} errors={save.errors} />
    </SaveRecordForm>
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
