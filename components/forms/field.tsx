// A labelled form field with its error and hint, wired for screen readers.
export function Field({
  id,
  label,
  error,
  hint,
  children,
}: {
  id: string;
  label: string;
  error?: string;
  hint?: string;
  children: React.ReactNode;
}) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-gray-700">
        {label}
      </label>
      <div className="mt-1">{children}</div>
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      ) : hint ? (
        <p id={`${id}-hint`} className="mt-1 text-xs text-gray-500">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

export const inputClass =
  'block w-full rounded-md border-gray-300 text-sm shadow-sm focus:border-blue-600 focus:ring-blue-600 aria-[invalid=true]:border-red-500';

/** A required choice: a disabled placeholder first (chosen while nothing is), then one option each. */
export function ChoiceSelect({
  id,
  name,
  placeholder,
  options,
  defaultValue,
  invalid,
}: {
  id: string;
  name: string;
  placeholder: string;
  options: readonly { value: string; label: string }[];
  defaultValue?: string;
  /** aria-invalid and aria-describedby, as the form wires its fields. */
  invalid: { 'aria-invalid': boolean; 'aria-describedby'?: string };
}) {
  return (
    <select id={id} name={name} defaultValue={defaultValue ?? ''} className={inputClass} {...invalid}>
      <option value="" disabled>
        {placeholder}
      </option>
      <Options options={options} />
    </select>
  );
}

/** A select's options, one per value, labelled. */
export function Options({ options }: { options: readonly { value: string; label: string }[] }) {
  return options.map((o) => (
    <option key={o.value} value={o.value}>
      {o.label}
    </option>
  ));
}

export function FormAlert({ ok, children }: { ok: boolean; children: React.ReactNode }) {
  return (
    <p
      role={ok ? 'status' : 'alert'}
      className={`rounded-md px-3 py-2 text-sm ${ok ? 'bg-emerald-50 text-emerald-900' : 'border border-red-300 bg-red-50 text-red-800'}`}
    >
      {children}
    </p>
  );
}
