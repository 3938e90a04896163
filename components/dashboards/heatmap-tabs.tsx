import Link from 'next/link';
import { getTranslations } from 'next-intl/server';

const tabs = [
  { href: '/heatmaps', key: 'institutes' },
  { href: '/heatmaps/dimensions', key: 'dimensions' },
  { href: '/heatmaps/matrix', key: 'matrix' },
  { href: '/heatmaps/calendar', key: 'calendar' },
] as const;

/** The four heatmaps; the year and scope filters carry over from one to the next. */
export async function HeatmapTabs({ current, keep }: { current: (typeof tabs)[number]['key']; keep: Record<string, string | undefined> }) {
  const t = await getTranslations('heatmaps.tabs');
  const qs = new URLSearchParams(Object.entries(keep).filter((e): e is [string, string] => Boolean(e[1]))).toString();
  return (
    <nav className="mb-4 flex flex-wrap gap-1 border-b border-gray-200" aria-label={t('label')}>
      {tabs.map((tab) => (
        <Link
          key={tab.key}
          href={`${tab.href}${qs ? `?${qs}` : ''}`}
          aria-current={tab.key === current ? 'page' : undefined}
          className={`-mb-px border-b-2 px-3 py-2 text-sm ${
            tab.key === current ? 'border-red-700 font-semibold text-gray-900' : 'border-transparent text-gray-600 hover:text-gray-900'
          }`}
        >
          {t(tab.key)}
        </Link>
      ))}
    </nav>
  );
}
