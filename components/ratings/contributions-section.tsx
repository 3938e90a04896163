import Link from 'next/link';
import type { getTranslations } from 'next-intl/server';
import { HeadedSection } from '@/components/headed-section';

type T = Awaited<ReturnType<typeof getTranslations>>;

/**
 * The rating's contributions: heading, the heatmap's domain filter when one is set (with what it lists and
 * sums, and the way back to all), and the lines themselves (`children`), or a note that there are none.
 */
export function ContributionsSection({
  domain,
  empty,
  t,
  children,
}: {
  domain: { name: string; n: number; points: number; allHref: string } | null;
  empty: boolean;
  t: T;
  children: React.ReactNode;
}) {
  return (
    <HeadedSection
      head={['contributions-heading', t('ratingDetail.contributions'), t('ratingDetail.contributionsHint')]}
      classes={['text-lg font-semibold', 'mb-3 text-sm text-gray-500']}
    >
      {domain ? (
        <p
          className="mb-3 flex flex-wrap items-center gap-3 rounded-md bg-blue-50 px-3 py-2 text-sm text-blue-950"
          data-testid="domain-filter"
        >
          <span>{t('ratingDetail.domainOnly', { domain: domain.name, n: domain.n, points: domain.points })}</span>
          <Link href={domain.allHref} className="text-blue-700 hover:underline">
            {t('ratingDetail.domainAll')}
          </Link>
        </p>
      ) : null}
      {empty ? (
        <p
          className="rounded-lg border border-dashed border-gray-300 bg-white p-6 text-center text-gray-700"
          data-testid="no-contributions"
        >
          {t('ratingDetail.noContributions')}
        </p>
      ) : (
        children
      )}
    </HeadedSection>
  );
}
