import { getTranslations } from 'next-intl/server';
import { inputClass } from '@/components/forms/field';

export interface FilterSelect {
  name: string;
  label: string;
  value: string | undefined;
  options: { value: string; label: string }[];
  /** Label of the empty choice; omitted when a value is required. */
  any?: string;
}

/**
 * The dashboards' filters as a plain GET form: works without JavaScript and keeps every choice in the
 * URL, so a view can be bookmarked and shared. `hidden` carries parameters the form does not show.
 */
export async function FilterBar({
  action,
  selects,
  hidden = {},
}: {
  action: string;
  selects: FilterSelect[];
  hidden?: Record<string, string | undefined>;
}) {
  const t = await getTranslations('dashboards');
  return (
    <form
      method="get"
      action={action}
      className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-gray-200 bg-white p-3"
      aria-label={t('filters')}
      data-testid="dashboard-filters"
    >
      {Object.entries(hidden).map(([name, value]) => (value ? <input key={name} type="hidden" name={name} value={value} /> : null))}
      {selects.map((s) => (
        <div key={s.name}>
          <label htmlFor={`f-${s.name}`} className="block text-xs font-medium text-gray-600">
            {s.label}
          </label>
          <select id={`f-${s.name}`} name={s.name} defaultValue={s.value ?? ''} className={`${inputClass} mt-1 min-w-[7rem]`}>
            {s.any !== undefined ? <option value="">{s.any}</option> : null}
            {s.options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
      ))}
      <button type="submit" className="rounded-md bg-gray-800 px-3 py-2 text-sm font-medium text-white hover:bg-gray-900">
        {t('apply')}
      </button>
    </form>
  );
}
