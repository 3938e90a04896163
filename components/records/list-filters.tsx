import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { inputClass, Options } from '@/components/forms/field';
import { localName, toLocale, type Locale } from '@/domain/i18n/locales';
import type { RecordKind } from '@/domain/records/kinds';
import { kindFilters } from '@/domain/records/list-options';
import { levels } from '@/domain/reference/level-codes';
import type { UiOption } from './form-types';
import type { ListQuery } from './list-query';

/** A coded row with its names (localName reads nameZh or name, and nameEn). */
type Named = { code: string } & Parameters<typeof localName>[1];
type SelectName = 'status' | 'domain' | 'unit' | 'state' | 'severity' | 'tier' | 'level';
type T = Awaited<ReturnType<typeof getTranslations>>;

/**
 * The list's selects in order: status, domain (when the kind has one), unit, then the dashboards'
 * drill-down filters the kind has (kindFilters), with their options in the reader's language.
 */
function filterSelects(
  kind: RecordKind,
  t: T,
  locale: Locale,
  { statuses, domains, units }: { statuses: readonly string[]; domains: Named[] | null; units: (Named & { depth: number })[] },
): [SelectName, string, UiOption[]][] {
  const extra = kindFilters[kind];
  const tl = (key: string) => t(`recordList.${key}`);
  const tf = (key: string) => t(`domains.listFilter.${key}`);
  const tiers = [
    { value: 'serious', label: tf('tierSerious') },
    ...[1, 2, 3, 4].map((n) => ({ value: String(n), label: t(`tiers.${n}` as 'tiers.1') })),
  ];
  const unitLabel = (u: Named & { depth: number }) => `${'　'.repeat(Math.max(0, u.depth - 1))}${localName(locale, u)}`;
  const selects: ([SelectName, string, UiOption[]] | null)[] = [
    ['status', tl('status'), statuses.map((s) => ({ value: s, label: t(`status.${s}` as 'status.open') }))],
    domains ? ['domain', tl('domain'), domains.map((d) => ({ value: d.code, label: localName(locale, d) }))] : null,
    ['unit', tl('unit'), units.map((u) => ({ value: u.code, label: unitLabel(u) }))],
    extra.severity
      ? ['severity', tf('severity'), (['general', 'major'] as const).map((s) => ({ value: s, label: t(`severity.${s}`) }))]
      : null,
    extra.tier ? ['tier', tf('tier'), tiers] : null,
    extra.level ? ['level', tf('level'), levels.map((l) => ({ value: l, label: t(`levels.${l}`) }))] : null,
    ['state', tf('state'), extra.states.map((s) => ({ value: s, label: tf(`states.${s}`) }))],
  ];
  return selects.filter((x) => x !== null);
}

/** The list's filters as a plain GET form: works without JavaScript and keeps everything in the URL. */
export async function ListFilters({
  kind,
  query,
  statuses,
  domains,
  units,
  dimensions,
}: {
  kind: RecordKind;
  query: ListQuery;
  statuses: readonly string[];
  /** Null when the kind cannot be filtered by domain. */
  domains: Named[] | null;
  units: (Named & { depth: number })[];
  /** For naming a heatmap cell's dimension filter. */
  dimensions: Named[];
}) {
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  const tl = (key: string) => t(`recordList.${key}`);
  return (
    <>
      <DrillNote query={query} dimensions={dimensions} />
      <form
        method="get"
        action={`/records/${kind}`}
        className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-gray-200 bg-white p-3"
        role="search"
        aria-label={tl('filters')}
        data-testid="list-filters"
      >
        {query.sort ? <input type="hidden" name="sort" value={query.sort} /> : null}
        {query.dir ? <input type="hidden" name="dir" value={query.dir} /> : null}
        {drillOf(query).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <div className="min-w-[12rem] flex-1">
          <label htmlFor="filter-q" className="block text-xs font-medium text-gray-600">
            {tl('search')}
          </label>
          <input
            id="filter-q"
            name="q"
            type="search"
            defaultValue={query.q}
            placeholder={tl('searchHint')}
            className={`${inputClass} mt-1`}
          />
        </div>
        {filterSelects(kind, t, locale, { statuses, domains, units }).map(([name, label, options]) => (
          <FilterSelect key={name} name={name} label={label} options={options} value={query[name]} all={tl('all')} />
        ))}
        <DateFilter name="from" label={tl('from')} value={query.from} />
        <DateFilter name="to" label={tl('to')} value={query.to} />
        <div className="flex gap-2">
          <button type="submit" className="rounded-md bg-gray-900 px-3 py-2 text-sm font-medium text-white hover:bg-gray-700">
            {tl('apply')}
          </button>
          <Link
            href={`/records/${kind}`}
            className="rounded-md border border-gray-300 bg-white px-3 py-2 text-sm text-gray-700 hover:bg-gray-100"
          >
            {tl('clear')}
          </Link>
        </div>
      </form>
    </>
  );
}

function FilterSelect({
  name,
  label,
  options,
  value,
  all,
}: {
  name: SelectName;
  label: string;
  options: UiOption[];
  value?: string;
  all: string;
}) {
  return (
    <div>
      <label htmlFor={`filter-${name}`} className="block text-xs font-medium text-gray-600">
        {label}
      </label>
      <select id={`filter-${name}`} name={name} defaultValue={value ?? ''} className={`${inputClass} mt-1 min-w-[8rem]`}>
        <option value="">{all}</option>
        <Options options={options} />
      </select>
    </div>
  );
}

function DateFilter({ name, label, value }: { name: 'from' | 'to'; label: string; value?: string }) {
  return (
    <div>
      <label htmlFor={`filter-${name}`} className="block text-xs font-medium text-gray-600">
        {label}
      </label>
      <input id={`filter-${name}`} name={name} type="date" defaultValue={value} className={`${inputClass} mt-1`} />
    </div>
  );
}

/** The heatmap cell filters a list was opened with (they stay while other filters change). */
function drillOf(query: ListQuery) {
  return (['dimension', 'stage', 'cell'] as const)
    .map((name) => [name, query[name]] as const)
    .filter((e): e is readonly [(typeof e)[0], string] => e[1] !== undefined);
}

/**
 * A list opened from a heatmap cell keeps that cell's dimension, stage or matrix cell; they are named above
 * the form so the reader knows why the list is narrower, and can drop them.
 */
async function DrillNote({ query, dimensions }: { query: ListQuery; dimensions: Named[] }) {
  const drill = drillOf(query);
  if (drill.length === 0) return null;
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  const labels: Record<string, string> = {
    ...Object.fromEntries(dimensions.map((d) => [`dimension:${d.code}`, localName(locale, d)])),
    ...(query.stage ? { [`stage:${query.stage}`]: t(`stages.${query.stage}`) } : {}),
    ...(query.cell ? { [`cell:${query.cell}`]: t('recordList.cellValue', { l: query.cell[0]!, i: query.cell[2]! }) } : {}),
  };
  return (
    <p className="mb-2 flex flex-wrap items-center gap-2 text-xs text-gray-600" data-testid="drill-filters">
      <span>{t('recordList.drilledFrom')}</span>
      {drill.map(([name, value]) => (
        <span key={name} className="rounded bg-blue-50 px-2 py-0.5 text-blue-900">
          {t(`recordList.drill.${name}`)}: {labels[`${name}:${value}`] ?? value}
        </span>
      ))}
    </p>
  );
}
