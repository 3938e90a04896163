import { getLocale, getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { deliveryCounts, recentDeliveries } from '@/db/queries/deliveries';
import { requireActor } from '@/server/auth/current-actor';
import { deliveryConfigFromEnv, emailConfigured, webhookConfigured } from '@/platform/delivery/config';
import { deliveryRoutes } from '@/features/delivery/routes';
import { toLocale } from '@/domain/i18n/locales';
import { canManageRatings } from '@/domain/auth/rating-permissions';
import { levels } from '@/domain/reference/level-codes';
import { roles } from '@/domain/reference/roles';
import { formatDateTime } from '@/domain/time/shanghai';
import { DataTable } from '@/components/data-table';
import { LevelBadge } from '@/components/level-badge';
import { PageHeader } from '@/components/page-header';
import { Refusal } from '@/components/refusal';
import { DeliveryRoutesForm } from '@/components/delivery/routes-form';

export async function generateMetadata() {
  return { title: (await getTranslations('delivery'))('title') };
}

/** The office's alert delivery page: who receives which colours, the channels, and every delivery's status. */
export default async function DeliveryPage() {
  const actor = await requireActor();
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  if (!canManageRatings(actor.role))
    return <Refusal testId="refusal" title={t('refusal.title')} body={t('delivery.forbidden')} homeLabel={t('refusal.home')} />;
  const db = getDb();
  const routes = deliveryRoutes(db);
  const config = deliveryConfigFromEnv();
  const counts = deliveryCounts(db);
  const rows = recentDeliveries(db, 100);
  const channel = (ok: boolean, vars: string) => (ok ? t('delivery.configured') : t('delivery.notConfigured', { vars }));

  return (
    <div className="max-w-5xl space-y-6">
      <PageHeader title={t('delivery.title')} subtitle={t('delivery.subtitle')} />
      <section>
        <h2 className="mb-2 text-lg font-semibold text-gray-900">{t('delivery.channels')}</h2>
        <ul className="space-y-1 text-sm text-gray-700" data-testid="delivery-channels">
          <li>
            {t('delivery.email')}: {channel(emailConfigured(config), 'FENGHUO_SMTP_URL, FENGHUO_MAIL_FROM')}
          </li>
          <li>
            {t('delivery.webhook')}: {channel(webhookConfigured(config), 'FENGHUO_WEBHOOK_URL, FENGHUO_WEBHOOK_SECRET')}
          </li>
        </ul>
      </section>
      <section>
        <h2 className="mb-2 text-lg font-semibold text-gray-900">{t('delivery.routes')}</h2>
        <DeliveryRoutesForm
          rows={[
            ...roles.map((r) => ({ key: `role.${r}`, label: t(`roles.${r}`), colours: routes.roles[r] ?? [] })),
            { key: 'webhook', label: t('delivery.webhookRow'), colours: routes.webhook },
          ]}
          levels={levels.map((l) => ({ level: l, label: t(`levels.${l}`) }))}
          labels={{ row: t('delivery.role'), save: t('delivery.save'), saved: t('delivery.saved'), legend: t('delivery.rolesField') }}
        />
      </section>
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
    </div>
  );
}
