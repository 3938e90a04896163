import type { FormFieldView } from '@/domain/rule-sets/form-kit';
import { NONE } from '@/domain/rule-sets/form-kit';
import { Field, inputClass } from '@/components/forms/field';

/** One input of a rule-set form: a tick box, a number, or a colour (with "none" where a colour may be null). */
export function RuleFieldInput({
  field: f,
  id,
  value,
  error,
  levelChoices,
  noneLabel,
  numbers,
}: {
  field: FormFieldView;
  id: string;
  value: string | undefined;
  error: string | undefined;
  levelChoices: { value: string; label: string }[];
  noneLabel: string;
  numbers: 'numeric' | 'decimal';
}) {
  if (f.kind === 'boolean') {
    return (
      <label className="flex items-center gap-2 pt-6 text-sm" htmlFor={id}>
        <input
          id={id}
          type="checkbox"
          name={f.name}
          defaultChecked={value === 'true' || value === 'on'}
          className="rounded border-gray-300"
        />
        {f.label}
      </label>
    );
  }
  const invalid = { 'aria-invalid': Boolean(error), 'aria-describedby': error ? `${id}-error` : undefined };
  return (
    <Field id={id} label={f.label} error={error}>
      {f.kind === 'number' ? (
        <input id={id} name={f.name} defaultValue={value} inputMode={numbers} className={`${inputClass} tabular-nums`} {...invalid} />
      ) : (
        <select id={id} name={f.name} defaultValue={value} className={inputClass} {...invalid}>
          {f.kind === 'levelOrNone' ? <option value={NONE}>{noneLabel}</option> : null}
          {levelChoices.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
