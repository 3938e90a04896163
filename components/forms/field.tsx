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
