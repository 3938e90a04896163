import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { DataTable } from '@/components/data-table';
import { BULLETIN_ALERT_LINES, type BulletinView } from '@/domain/bulletins/view';
import { localName, type Locale } from '@/domain/i18n/locales';
import { formatDate } from '@/domain/time/shanghai';
import { LevelOrDash } from './level-or-dash';

/** The month's alerts in scope, the first BULLETIN_ALERT_LINES of them, and a way to the rest. */
export async function BulletinAlerts({ v, locale }: { v: BulletinView; locale: Locale }) {
  const t = await getTranslations();
  const word = (l: string) => t(`levels.${l}`);
  return (
    <section aria-labelledby="b-alerts">
      <h2 id="b-alerts" className="mb-2 text-lg font-semibold text-gray-900">
        {t('bulletins.alertsSection')}
      </h2>
      {v.alerts.length === 0 ? (
        <p className="text-sm text-gray-500" data-testid="bulletin-no-alerts">
          {t('bulletins.noAlerts')}
        </p>
      ) : (
        <DataTable
          compact
          testId="bulletin-alerts"
          columns={[
            { label: t('bulletins.alertColour') },
            { label: t('bulletins.alertTime') },
            { label: t('bulletins.unit') },
            { label: t('bulletins.alertMessage') },
          ]}
        >
          {v.alerts.slice(0, BULLETIN_ALERT_LINES).map((a) => (
            <tr key={a.id} className="border-t border-gray-100 align-top">
              <td className="px-3 py-2">
                <LevelOrDash level={a.colour} word={word} />
              </td>
              <td className="px-3 py-2 text-gray-600">{formatDate(new Date(a.firedAt))}</td>
              <td className="px-3 py-2">
                {a.unitCode ? localName(locale, { name: a.unitName, nameEn: a.unitNameEn }) : t('bulletins.academyWide')}
              </td>
              <td className="px-3 py-2">{locale === 'en' ? a.messageEn : a.messageZh}</td>
            </tr>
          ))}
        </DataTable>
      )}
      {v.alerts.length > BULLETIN_ALERT_LINES ? (
        <p className="mt-2 text-sm text-gray-600" data-testid="bulletin-alerts-more">
          {t('bulletins.alertsMore', { shown: BULLETIN_ALERT_LINES, total: v.alerts.length })}{' '}
          <Link href={`/alerts?period=${v.month}`} className="text-blue-700 hover:underline">
            {t('bulletins.alertsInbox')}
          </Link>
        </p>
      ) : null}
    </section>
  );
}
