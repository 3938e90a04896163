import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { ratedYearRange, ratedYears, yearInAddress } from '@/domain/records/date-range';
import { PageHeader } from '@/components/page-header';

/**
 * What a page that takes a year says when its address names a year outside the rated range (or no year at
 * all, "abc"): the year asked for, the range, and the same page for each year of the range. Said, never
 * silently replaced by another year, so a reader never takes 2026's figures for 1988's (issue 14, item 7).
 */
export async function YearOutsideRange({ title, given, hrefFor }: { title: string; given: string; hrefFor: (year: number) => string }) {
  const t = await getTranslations('yearRange');
  const now = new Date();
  const { first, last } = ratedYearRange(now);
  return (
    <div>
      <PageHeader title={title} />
      <div role="alert" className="max-w-3xl rounded-lg border border-amber-300 bg-amber-50 p-5" data-testid="year-outside-range">
        <h2 className="font-semibold text-amber-950">{t('title', { given })}</h2>
        <p className="mt-1 text-sm text-amber-950">{t('body', { first, last })}</p>
        <p className="mt-3 text-sm font-medium text-gray-800">{t('choose')}</p>
        <ul className="mt-2 flex flex-wrap gap-2 text-sm">
          {ratedYears(now).map((y) => (
            <li key={y}>
              <Link
                prefetch={false}
                href={hrefFor(y)}
                className="inline-block rounded border border-gray-300 bg-white px-2 py-0.5 tabular-nums text-blue-700 hover:underline"
              >
                {y}
              </Link>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

/** The year a page's address asks for when it lies outside the range (what to say), else null. */
export function yearOutside(value: string | string[] | undefined): string | null {
  const asked = yearInAddress(value, new Date());
  return asked.kind === 'outside' ? asked.given : null;
}

/** The same address with another year: every other parameter kept as given. */
export function withYear(path: string, raw: Record<string, string | string[] | undefined>, year: number): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(raw)) if (k !== 'year' && v !== undefined) for (const one of [v].flat()) params.append(k, one);
  params.set('year', String(year));
  return `${path}?${params}`;
}
