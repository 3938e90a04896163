import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import type { LevelsView } from '@/features/dashboards/views/overview';
import { localName, toLocale } from '@/domain/i18n/locales';
import { levels, type Level } from '@/domain/reference/level-codes';
import { bandClass } from '@/components/dashboards/heat-scale';
import { LevelBadge } from '@/components/level-badge';

/** Institutes per level, this year (provisional) above last year (final), and the units whose level rose. */
export async function LevelDistributionCard({ view }: { view: Promise<LevelsView> }) {
  const d = await view;
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  const bar = (counts: Record<Level, number>, year: number, label: string, testId: string) => {
    const total = levels.reduce((s, l) => s + counts[l], 0);
    return (
      <div data-testid={testId}>
        <div className="mb-1 flex justify-between text-xs text-gray-600">
          <span>{label}</span>
          <span>{t('overview.levels.rated', { n: total })}</span>
        </div>
        {total === 0 ? (
          <p className="rounded bg-gray-50 px-3 py-2 text-xs text-gray-500">{t('overview.levels.none')}</p>
        ) : (
          <div className="flex h-8 overflow-hidden rounded">
            {levels
              .filter((l) => counts[l] > 0)
              .map((l) => (
                <Link
                  prefetch={false}
                  key={l}
                  href={`/ratings?year=${year}&level=${l}`}
                  className={`flex min-w-[3.5rem] items-center justify-center text-xs font-semibold ${bandClass[l]}`}
                  style={{ flexGrow: counts[l] }}
                  title={t('overview.levels.segment', { level: t(`levels.${l}`), n: counts[l] })}
                  data-level={l}
                >
                  {t(`levels.${l}`)} {counts[l]}
                </Link>
              ))}
          </div>
        )}
      </div>
    );
  };
  return (
    <section className="rounded-lg border border-gray-200 bg-white p-4 shadow-sm" data-testid="card-levels">
      <h2 className="text-base font-semibold text-gray-900">{t('overview.levels.title')}</h2>
      <div className="mt-3 space-y-3">
        {bar(d.now, d.year, t('overview.levels.thisYear', { year: d.year }), 'levels-now')}
        {bar(
          d.last,
          d.year - 1,
          t(`overview.levels.lastYear.${d.lastStatus === 'published' ? 'published' : 'final'}`, { year: d.year - 1 }),
          'levels-last',
        )}
      </div>
      <h3 className="mt-4 text-sm font-semibold text-gray-800">{t('overview.levels.rises', { n: d.rises.length })}</h3>
      {d.rises.length === 0 ? (
        <p className="mt-1 text-sm text-gray-500">{t('overview.levels.noRises')}</p>
      ) : (
        <ul className="mt-1 divide-y divide-gray-100 text-sm" data-testid="level-rises">
          {d.rises.slice(0, 6).map((r) => (
            <li key={r.code} className="flex items-center justify-between gap-2 py-1.5">
              <Link
                prefetch={false}
                href={`/ratings/${d.year}/${encodeURIComponent(r.code)}`}
                className="truncate text-blue-700 hover:underline"
              >
                {localName(locale, r)}
              </Link>
              <span className="flex shrink-0 items-center gap-1 text-xs text-gray-500">
                <LevelBadge level={r.from} label={t(`levels.${r.from}`)} />→<LevelBadge level={r.to} label={t(`levels.${r.to}`)} />
              </span>
            </li>
          ))}
          {d.rises.length > 6 ? (
            <li className="pt-1.5 text-xs">
              <Link prefetch={false} href={`/ratings?year=${d.year}`} className="text-blue-700 hover:underline">
                {t('overview.levels.moreRises', { n: d.rises.length - 6 })}
              </Link>
            </li>
          ) : null}
        </ul>
      )}
    </section>
  );
}
