import { getLocale, getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { requireActor } from '@/server/auth/current-actor';
import { deliveryConfigFromEnv, emailConfigured, webhookConfigured } from '@/platform/delivery/config';
import { deliveryRoutes } from '@/features/delivery/routes';
import { deliveryStatus } from '@/features/delivery/status-view';
import { toLocale } from '@/domain/i18n/locales';
import { canManageRatings } from '@/domain/auth/rating-permissions';
import { levels } from '@/domain/reference/level-codes';
import { roles } from '@/domain/reference/roles';
import { PageHeader } from '@/components/page-header';
import { Refusal } from '@/components/refusal';
import { DeliveryRoutesForm } from '@/components/delivery/routes-form';
import { DeliveryStatus } from '@/components/delivery/delivery-status';

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
  const routes = await deliveryRoutes(db);
  const config = deliveryConfigFromEnv();
  const { counts, rows } = await deliveryStatus(db, 100);
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
      <DeliveryStatus counts={counts} rows={rows} locale={locale} />
    </div>
  );
}
