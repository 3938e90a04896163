import Link from 'next/link';
import { levels, type Level } from '@/domain/reference/level-codes';

const select = 'rounded-md border-gray-300 py-1.5 text-sm shadow-sm focus:border-blue-600 focus:ring-blue-600';

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
  labels: Record<
    'legend' | 'year' | 'branch' | 'allBranches' | 'level' | 'allLevels' | 'sort' | 'sortPoints' | 'sortCode' | 'apply' | 'reset',
    string
  >;
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
        <div className="text-sm text-gray-700">
          <label htmlFor="filter-year" className="mb-1 block">
            {labels.year}
          </label>
          <select id="filter-year" name="year" defaultValue={year} className={select}>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </div>
        {branches.length > 1 ? (
          <div className="text-sm text-gray-700">
            <label htmlFor="filter-branch" className="mb-1 block">
              {labels.branch}
            </label>
            <select id="filter-branch" name="branch" defaultValue={branch ?? ''} className={select}>
              <option value="">{labels.allBranches}</option>
              {branches.map((b) => (
                <option key={b.code} value={b.code}>
                  {b.label}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div className="text-sm text-gray-700">
          <label htmlFor="filter-level" className="mb-1 block">
            {labels.level}
          </label>
          <select id="filter-level" name="level" defaultValue={level ?? ''} className={select}>
            <option value="">{labels.allLevels}</option>
            {levels.map((l) => (
              <option key={l} value={l}>
                {levelLabels[l]}
              </option>
            ))}
          </select>
        </div>
        <div className="text-sm text-gray-700">
          <label htmlFor="filter-sort" className="mb-1 block">
            {labels.sort}
          </label>
          <select id="filter-sort" name="sort" defaultValue={sort} className={select}>
            <option value="points">{labels.sortPoints}</option>
            <option value="code">{labels.sortCode}</option>
          </select>
        </div>
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
