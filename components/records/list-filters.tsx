import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { inputClass } from '@/components/forms/field';
import type { UiOption } from './form-types';
import type { ListQuery } from './list-query';

/** The list's filters as a plain GET form: works without JavaScript and keeps everything in the URL. */
export async function ListFilters({
  kind,
  query,
  statuses,
  domains,
  units,
  extra,
  labels,
}: {
  kind: string;
  query: ListQuery;
  statuses: UiOption[];
  domains: UiOption[] | null;
  units: UiOption[];
  /** The dashboards' drill-down filters the kind has (null: not offered for it). */
  extra: { state: UiOption[]; severity: UiOption[] | null; tier: UiOption[] | null; level: UiOption[] | null };
  /** Words for the heatmaps' cell filters, keyed `name:value` (e.g. `dimension:data`). */
  labels?: Record<string, string>;
}) {
  const t = await getTranslations('recordList');
  const tf = await getTranslations('domains.listFilter');
  const select = (name: 'status' | 'domain' | 'unit' | 'state' | 'severity' | 'tier' | 'level', label: string, options: UiOption[]) => (
    <div>
      <label htmlFor={`filter-${name}`} className="block text-xs font-medium text-gray-600">
        {label}
      </label>
      <select id={`filter-${name}`} name={name} defaultValue={query[name] ?? ''} className={`${inputClass} mt-1 min-w-[8rem]`}>
        <option value="">{t('all')}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
  // A list opened from a heatmap cell keeps that cell's dimension, stage or matrix cell while other filters
  // change; they are named above the form so the reader knows why the list is narrower, and can drop them.
  const drill = (['dimension', 'stage', 'cell'] as const)
    .map((name) => [name, query[name]] as const)
    .filter((e): e is readonly [(typeof e)[0], string] => e[1] !== undefined);
  return (
    <>
      {drill.length > 0 ? (
        <p className="mb-2 flex flex-wrap items-center gap-2 text-xs text-gray-600" data-testid="drill-filters">
          <span>{t('drilledFrom')}</span>
          {drill.map(([name, value]) => (
            <span key={name} className="rounded bg-blue-50 px-2 py-0.5 text-blue-900">
              {t(`drill.${name}`)}: {labels?.[`${name}:${value}`] ?? value}
            </span>
          ))}
        </p>
      ) : null}
      <form
        method="get"
        action={`/records/${kind}`}
        className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-gray-200 bg-white p-3"
        role="search"
        aria-label={t('filters')}
        data-testid="list-filters"
      >
        {query.sort ? <input type="hidden" name="sort" value={query.sort} /> : null}
        {query.dir ? <input type="hidden" name="dir" value={query.dir} /> : null}
        {drill.map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <div className="min-w-[12rem] flex-1">
          <label htmlFor="filter-q" className="block text-xs font-medium text-gray-600">
            {t('search')}
          </label>
          <input
            id="filter-q"
            name="q"
            type="search"
            defaultValue={query.q}
            placeholder={t('searchHint')}
            className={`${inputClass} mt-1`}
          />
        </div>
        {select('status', t('status'), statuses)}
        {domains ? select('domain', t('domain'), domains) : null}
        {select('unit', t('unit'), units)}
        {extra.severity ? select('severity', tf('severity'), extra.severity) : null}
        {extra.tier ? select('tier', tf('tier'), extra.tier) : null}
        {extra.level ? select('level', tf('level'), extra.level) : null}
        {select('state', tf('state'), extra.state)}
        <div>
          <label htmlFor="filter-from" className="block text-xs font-medium text-gray-600">
            {t('from')}
          </label>
          <input id="filter-from" name="from" type="date" defaultValue={query.from} className={`${inputClass} mt-1`} />
        </div>
        <div>
          <label htmlFor="filter-to" className="block text-xs font-medium text-gray-600">
            {t('to')}
          </label>
          <input id="filter-to" name="to" type="date" defaultValue={query.to} className={`${inputClass} mt-1`} />
        </div>
        <div className="flex gap-2">
          <button type="submit" className="rounded-md bg-gray-900 px-3 py-2 text-sm font-medium text-white hover:bg-gray-700">
            {t('apply')}
          </button>
          <Link
            href={`/records/${kind}`}
            className="rounded-md border border-gray-300 bg-white px-3 py-2 text-sm text-gray-700 hover:bg-gray-100"
          >
            {t('clear')}
          </Link>
        </div>
      </form>
    </>
  );
}
