import Link from 'next/link';
import { levels, type Level } from '@/domain/reference/level-codes';
import { Options } from '@/components/forms/field';

const select = 'rounded-md border-gray-300 py-1.5 text-sm shadow-sm focus:border-blue-600 focus:ring-blue-600';

type Labels = Record<
  'legend' | 'year' | 'branch' | 'allBranches' | 'level' | 'allLevels' | 'sort' | 'sortPoints' | 'sortCode' | 'apply' | 'reset',
  string
>;

/** The ratings table's filters as a plain GET form: every choice lives in the URL, so a view can be shared. */
export function RatingsFilters({
  years,
  year,
  branches,
  branch,
  level,
  sort,
  levelLabels,
  labels,
}: {
  years: number[];
  year: number;
  branches: { code: string; label: string }[];
  branch: string | undefined;
  level: Level | undefined;
  sort: 'points' | 'code';
  levelLabels: Record<Level, string>;
  labels: Labels;
}) {
  return (
    <form
      method="get"
      action="/ratings"
      className="flex flex-wrap items-end gap-4 rounded-lg border border-gray-200 bg-white p-4"
      data-testid="ratings-filters"
    >
      <fieldset className="contents">
        <legend className="sr-only">{labels.legend}</legend>
        <FilterSelect name="year" label={labels.year} value={year} options={years.map((y) => ({ value: String(y), label: String(y) }))} />
        {branches.length > 1 ? (
          <FilterSelect
            name="branch"
            label={labels.branch}
            value={branch ?? ''}
            options={[{ value: '', label: labels.allBranches }, ...branches.map((b) => ({ value: b.code, label: b.label }))]}
          />
        ) : null}
        <FilterSelect
          name="level"
          label={labels.level}
          value={level ?? ''}
          options={[{ value: '', label: labels.allLevels }, ...levels.map((l) => ({ value: l, label: levelLabels[l] }))]}
        />
        <FilterSelect
          name="sort"
          label={labels.sort}
          value={sort}
          options={[
            { value: 'points', label: labels.sortPoints },
            { value: 'code', label: labels.sortCode },
          ]}
        />
        <button type="submit" className="rounded-md bg-gray-900 px-4 py-1.5 text-sm font-medium text-white hover:bg-gray-700">
          {labels.apply}
        </button>
        <Link href={`/ratings?year=${year}`} className="py-1.5 text-sm text-blue-700 hover:underline">
          {labels.reset}
        </Link>
      </fieldset>
    </form>
  );
}

/** One labelled choice of the form; its input is `filter-<name>`. */
function FilterSelect({
  name,
  label,
  value,
  options,
}: {
  name: string;
  label: string;
  value: string | number;
  options: { value: string; label: string }[];
}) {
  return (
    <div className="text-sm text-gray-700">
      <label htmlFor={`filter-${name}`} className="mb-1 block">
        {label}
      </label>
      <select id={`filter-${name}`} name={name} defaultValue={value} className={select}>
        <Options options={options} />
      </select>
    </div>
  );
}
