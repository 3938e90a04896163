import Link from 'next/link';

const select = 'rounded-md border-gray-300 py-1.5 text-sm shadow-sm focus:border-blue-600 focus:ring-blue-600';

/** Year (and branch, for academy-wide viewers) as a plain GET form: the choice lives in the URL. */
export function YearBranchFilter({
  action,
  years,
  year,
  branches,
  branch,
  labels,
}: {
  action: string;
  years: number[];
  year: number;
  branches: { code: string; label: string }[];
  branch: string | undefined;
  labels: { legend: string; year: string; branch: string; allBranches: string; apply: string; reset: string };
}) {
  return (
    <form
      method="get"
      action={action}
      className="flex flex-wrap items-end gap-4 rounded-lg border border-gray-200 bg-white p-3"
      data-testid="view-filters"
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
        {branches.length > 0 ? (
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
        <button type="submit" className="rounded-md bg-gray-900 px-4 py-1.5 text-sm font-medium text-white hover:bg-gray-700">
          {labels.apply}
        </button>
        <Link href={action} className="py-1.5 text-sm text-blue-700 hover:underline">
          {labels.reset}
        </Link>
      </fieldset>
    </form>
  );
}
