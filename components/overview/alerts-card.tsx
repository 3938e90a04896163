import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import type { AlertsView } from '@/features/dashboards/views/overview';
import { toLocale } from '@/domain/i18n/locales';
import { formatDateTime } from '@/domain/time/shanghai';
import { LevelBadge } from '@/components/level-badge';

/** The newest alerts in the viewer's scope, colour in words, each linking to the inbox. */
export async function AlertsCard({ view }: { view: Promise<AlertsView> }) {
  const alerts = await view;
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  return (
    <section className="rounded-lg border border-gray-200 bg-white p-4 shadow-sm" data-testid="card-alerts">
      <div className="flex items-baseline justify-between">
        <h2 className="text-base font-semibold text-gray-900">{t('overview.alerts.title')}</h2>
        <Link prefetch={false} href="/alerts" className="text-xs text-blue-700 hover:underline">
          {t('overview.alerts.all')}
        </Link>
      </div>
      {alerts.length === 0 ? (
        <p className="mt-3 rounded-md bg-gray-50 p-4 text-center text-sm text-gray-500">{t('overview.alerts.none')}</p>
      ) : (
        <ul className="mt-2 divide-y divide-gray-100 text-sm">
          {alerts.map((a) => (
            <li key={a.id} className="flex items-start gap-2 py-2" data-colour={a.colour}>
              <LevelBadge level={a.colour} label={t(`levels.${a.colour}`)} />
              <div className="min-w-0 flex-1">
                <Link prefetch={false} href={`/alerts/${a.id}`} className="text-gray-900 hover:underline">
                  {locale === 'en' ? a.messageEn : a.messageZh}
                </Link>
                <p className="text-xs text-gray-500">{formatDateTime(a.firedAt)}</p>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
