import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import type { RatedYear } from '@/domain/dashboards/types';
import { toLocale } from '@/domain/i18n/locales';
import { ratingSummary } from '@/features/dashboards/unit-view';
import { DataTable } from '@/components/data-table';
import { LevelBadge } from '@/components/level-badge';
import { ExportXlsxLink } from '@/components/export/export-xlsx-link';
import { SectionHead } from '@/components/dashboards/section-parts';

/** An institute's rating, year by year, each with one line of why and a link to the full explanation. */
export async function RatingHistory({ unitCode, history }: { unitCode: string; history: RatedYear[] }) {
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  const ratingHref = (year: number) => `/ratings/${year}/${encodeURIComponent(unitCode)}`;
  return (
    <section aria-labelledby="history-heading" className="space-y-2">
      <SectionHead id="history-heading" title={t('unitPage.history')} hint={t('unitPage.historyHint')}>
        <ExportXlsxLink table="unit-ratings" params={{ unit: unitCode }} />
      </SectionHead>
      {history.length === 0 ? (
        <p className="text-sm text-gray-500">{t('unitPage.noHistory')}</p>
      ) : (
        <DataTable
          testId="rating-history"
          columns={[
            { label: t('unitPage.year') },
            { label: t('ratings.level') },
            { label: t('ratings.points'), align: 'right' },
            { label: t('ratings.status') },
            { label: t('unitPage.why') },
          ]}
        >
          {history.map((h) => (
            <tr key={h.year} className="border-t border-gray-100 align-top" data-year={h.year}>
              <td className="px-4 py-2">
                <Link href={ratingHref(h.year)} className="text-blue-700 hover:underline">
                  {h.year}
                </Link>
              </td>
              <td className="px-4 py-2">
                <LevelBadge level={h.level} label={t(`levels.${h.level}`)} />
              </td>
              <td className="px-4 py-2 text-right tabular-nums">{h.points}</td>
              <td className="whitespace-nowrap px-4 py-2">{t(`ratings.statusWord.${h.status}`)}</td>
              <td className="px-4 py-2 text-xs text-gray-700" data-testid="rating-why">
                {ratingSummary(h, locale)}{' '}
                <Link href={ratingHref(h.year)} className="whitespace-nowrap text-blue-700 hover:underline">
                  {t('unitPage.explanation')}
                </Link>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}
