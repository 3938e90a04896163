import { getTranslations } from 'next-intl/server';
import { DataTable } from '@/components/data-table';
import { LevelBadge } from '@/components/level-badge';
import type { DeliveryStatusRow } from '@/features/delivery/status-view';
import type { Locale } from '@/domain/i18n/locales';
import { formatDateTime } from '@/domain/time/shanghai';

/** Every delivery's state (counts, then the latest with their attempts and last error). */
export async function DeliveryStatus({
  counts,
  rows,
  locale,
}: {
  counts: Record<'pending' | 'sending' | 'delivered', number>;
  rows: DeliveryStatusRow[];
  locale: Locale;
}) {
  const t = await getTranslations();
  return (
    <section>
      <h2 className="mb-1 text-lg font-semibold text-gray-900">{t('delivery.status')}</h2>
      <p className="mb-2 text-sm text-gray-600" data-testid="delivery-counts">
        {t('delivery.statusCounts', counts)}
      </p>
      {rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-gray-300 bg-white p-6 text-sm text-gray-500">{t('delivery.empty')}</p>
      ) : (
        <DataTable
          compact
          testId="delivery-table"
          columns={[
            { label: t('delivery.alert') },
            { label: t('delivery.channel') },
            { label: t('delivery.recipient') },
            { label: t('delivery.state') },
            { label: t('delivery.attempts'), align: 'right' },
            { label: t('delivery.nextAttempt') },
            { label: t('delivery.deliveredAt') },
            { label: t('delivery.lastError') },
          ]}
        >
          {rows.map((d) => (
            <tr key={d.id} className="border-t border-gray-100 align-top" data-status={d.status}>
              <td className="px-3 py-2">
                <LevelBadge level={d.colour} label={t(`levels.${d.colour}`)} />{' '}
                <span className="text-gray-800">{locale === 'en' ? d.messageEn : d.messageZh}</span>
              </td>
              <td className="px-3 py-2">{t(`delivery.${d.channel}`)}</td>
              <td className="px-3 py-2 font-mono text-xs">{d.recipient}</td>
              <td className="px-3 py-2">{t(`delivery.states.${d.status}`)}</td>
              <td className="px-3 py-2 text-right tabular-nums">{d.attempts}</td>
              <td className="px-3 py-2 text-gray-600">{d.status === 'delivered' ? '' : formatDateTime(d.nextAttemptAt)}</td>
              <td className="px-3 py-2 text-gray-600">{formatDateTime(d.deliveredAt)}</td>
              <td className="max-w-xs px-3 py-2 text-xs text-red-700">{d.lastError ?? ''}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}
