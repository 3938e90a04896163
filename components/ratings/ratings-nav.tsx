import Link from 'next/link';
import type { getTranslations } from 'next-intl/server';

type T = Awaited<ReturnType<typeof getTranslations>>;

/** The ratings page's links: the rule set, the warning list and the year's notice to download. */
export function RatingsNav({ year, t }: { year: number; t: T }) {
  return (
    <nav className="flex gap-4 text-sm">
      <Link href="/ratings/rules" className="text-blue-700 hover:underline">
        {t('ratings.rulesLink')}
      </Link>
      <Link href="/ratings/warning-list" className="text-blue-700 hover:underline">
        {t('ratings.warningListLink')}
      </Link>
      <span className="text-gray-600">
        {t('notice.download')}:{' '}
        <a href={`/ratings/notice?year=${year}&format=pdf`} className="text-blue-700 hover:underline" data-testid="notice-pdf">
          PDF
        </a>{' '}
        ·{' '}
        <a href={`/ratings/notice?year=${year}&format=xlsx`} className="text-blue-700 hover:underline" data-testid="notice-xlsx">
          XLSX
        </a>
      </span>
    </nav>
  );
}
