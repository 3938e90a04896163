'use client';

import { useTranslations } from 'next-intl';
import { Field, inputClass } from '@/components/forms/field';
import type { ProjectChoice, UiField, UiOption, UnitChoice } from './form-types';

/** One labelled input of a record form, its error beside it, wired for screen readers. */
export function FieldInput({
  field,
  value,
  error,
  units,
  projects,
  instituteId,
}: {
  field: UiField;
  value: string | undefined;
  error?: string;
  units: UnitChoice[];
  projects: ProjectChoice[];
  /** The institute of the chosen unit: the project select lists its projects only. */
  instituteId: number | null;
}) {
  const t = useTranslations('recordForms');
  const id = `f-${field.code}`;
  const a11y = {
    id,
    name: field.code,
    'aria-invalid': Boolean(error),
    'aria-describedby': error ? `${id}-error` : field.hint ? `${id}-hint` : undefined,
    'aria-required': field.required || undefined,
  };
  const label = field.required ? `${field.label} *` : field.label;
  const choose = (
    <option value="" disabled={field.required}>
      {field.required ? t('choose') : t('none')}
    </option>
  );

  if (field.input === 'checkbox') {
    return (
      <div className="flex items-start gap-2 pt-6">
        <input type="checkbox" value="true" defaultChecked={value === 'true'} className="mt-0.5 rounded border-gray-300" {...a11y} />
        <label htmlFor={id} className="text-sm font-medium text-gray-700">
          {field.label}
        </label>
      </div>
    );
  }

  const control =
    field.input === 'project' ? (
      <ProjectSelect field={field} value={value} a11y={a11y} projects={projects} instituteId={instituteId} />
    ) : field.input === 'textarea' ? (
      <textarea rows={3} defaultValue={value} className={inputClass} {...a11y} />
    ) : field.input === 'unit' ? (
      <Choices value={value} a11y={a11y} choose={choose} options={units.map((u) => ({ value: u.code, label: u.label }))} />
    ) : ['select', 'domain', 'dimension', 'tier'].includes(field.input) ? (
      <Choices value={value} a11y={a11y} choose={choose} options={field.options ?? []} />
    ) : (
      <PlainInput field={field} value={value} a11y={a11y} />
    );
  return (
    <Field id={id} label={label} error={error} hint={field.hint}>
      {control}
    </Field>
  );
}

type A11y = { id: string; name: string; 'aria-invalid': boolean; 'aria-describedby'?: string; 'aria-required'?: true };

function Choices({ value, a11y, choose, options }: { value?: string; a11y: A11y; choose: React.ReactNode; options: UiOption[] }) {
  return (
    <select defaultValue={value ?? ''} className={inputClass} {...a11y}>
      {choose}
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

/** The projects of the chosen unit's institute only; listed again when the unit changes. */
function ProjectSelect({
  field,
  value,
  a11y,
  projects,
  instituteId,
}: {
  field: UiField;
  value?: string;
  a11y: A11y;
  projects: ProjectChoice[];
  instituteId: number | null;
}) {
  const t = useTranslations('recordForms');
  const list = instituteId === null ? [] : projects.filter((p) => p.instituteId === instituteId);
  return (
    <select defaultValue={value ?? ''} className={inputClass} {...a11y} key={instituteId ?? 'none'}>
      <option value="" disabled={field.required}>
        {instituteId === null ? t('unitFirst') : field.required ? t('choose') : t('none')}
      </option>
      {list.map((p) => (
        <option key={p.externalId} value={p.externalId}>
          {p.label}
        </option>
      ))}
      {/* A reference that is not in the list (typed elsewhere, or refused) stays visible. */}
      {value && !list.some((p) => p.externalId === value) ? <option value={value}>{value}</option> : null}
    </select>
  );
}

/** Text, number, date or Beijing date-time; a locked field (its reference) is shown but not edited. */
function PlainInput({ field, value, a11y }: { field: UiField; value?: string; a11y: A11y }) {
  const type =
    field.input === 'date' ? 'date' : field.input === 'datetime' ? 'datetime-local' : field.input === 'number' ? 'number' : 'text';
  return (
    <input
      type={type}
      defaultValue={value}
      readOnly={field.locked}
      min={type === 'number' ? 0 : undefined}
      step={type === 'number' ? 1 : undefined}
      inputMode={type === 'number' ? 'numeric' : undefined}
      className={`${inputClass} ${field.locked ? 'bg-gray-100 text-gray-600' : ''}`}
      {...a11y}
    />
  );
}
