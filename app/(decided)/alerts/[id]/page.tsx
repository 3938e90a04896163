import Link from 'next/link';
import { forbidden, notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { alertInScope, markAlertRead } from '@/db/queries/alerts';
import { domainNames } from '@/db/alerts/alert-inputs';
import { acknowledgeAlertAction } from '@/server/actions/alerts';
import { canAcknowledgeAlerts } from '@/domain/auth/alert-permissions';
import { alertPeriodText, type Translate } from '@/domain/alerts/period-text';
import { ruleKey } from '@/domain/rule-sets/alert-texts';
import { requireActor } from '@/server/auth/current-actor';
import { toLocale } from '@/domain/i18n/locales';
import { formatDateTime } from '@/domain/time/shanghai';
import { AlertLinks } from '@/components/alerts/alert-links';
import { LevelBadge } from '@/components/level-badge';
import { PageHeader } from '@/components/page-header';
import { ConfirmAction } from '@/components/ratings/confirm-action';

// Like records: a reader with a scope gets the same refusal for an alert outside it and a missing one (no
// id's existence is given away); a reader who sees every unit is told it does not exist.
async function alertOrInterrupt(params: Promise<{ id: string }>) {
  const actor = await requireActor();
  const db = getDb();
  const id = Number((await params).id);
  const alert = Number.isInteger(id) && id > 0 ? alertInScope(db, actor, id) : null;
  if (!alert) return actor.scope.all ? notFound() : forbidden();
  return { actor, db, alert };
}

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  return { title: (await getTranslations('alerts'))('detailTitle', { id: (await params).id }) };
}

/** One alert: its message, why it fired (links to the cause), and acknowledging it. Opening it marks it read. */
export default async function AlertPage({ params }: { params: Promise<{ id: string }> }) {
  const { actor, db, alert } = await alertOrInterrupt(params);
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  if (!alert.read) markAlertRead(db, actor.userId, alert.id, new Date());
  const domains = domainNames(db);
  const row = (label: string, value: React.ReactNode) => (
    <div className="grid gap-1 py-2 sm:grid-cols-4">
      <dt className="text-sm text-gray-500">{label}</dt>
      <dd className="text-sm text-gray-900 sm:col-span-3">{value}</dd>
    </div>
  );
  return (
    <div className="max-w-4xl space-y-4">
      <Link href="/alerts" className="text-sm text-blue-700 hover:underline">
        ← {t('alerts.back')}
      </Link>
      <PageHeader title={t('alerts.detailTitle', { id: alert.id })} subtitle={t(`alerts.ruleNames.${ruleKey(alert.rule)}`)} />
      <div className="rounded-lg border border-gray-200 bg-white p-4" data-testid="alert-detail" data-colour={alert.colour}>
        <p className="flex items-start gap-3 text-base">
          <LevelBadge level={alert.colour} label={t(`levels.${alert.colour}`)} />
          <span data-testid="alert-message">{locale === 'en' ? alert.messageEn : alert.messageZh}</span>
        </p>
        <dl className="mt-3 divide-y divide-gray-100">
          {row(t('alerts.columns.rule'), t(`alerts.ruleNames.${ruleKey(alert.rule)}`))}
          {row(
            t('alerts.columns.unit'),
            alert.unitCode
              ? `${locale === 'en' ? (alert.unitNameEn ?? alert.unitName) : alert.unitName} (${alert.unitCode})`
              : t('alerts.academyWide'),
          )}
          {row(t('alerts.period'), <span data-testid="alert-period">{alertPeriodText(alert.rule, alert.period, t as Translate)}</span>)}
          {row(t('alerts.columns.firedAt'), formatDateTime(alert.firedAt))}
          {row(
            t('alerts.cause'),
            <AlertLinks
              links={alert.links}
              labels={{
                kind: (k) => t(`kinds.${k}`),
                domain: (c) => (locale === 'en' ? domains.get(c)?.en : domains.get(c)?.zh) ?? c,
                record: (kind, ref) => t('alerts.record', { kind, ref }),
                rating: (year, unit) => t('alerts.rating', { year, unit }),
                list: (kind, domain, month) => t('alerts.list', { kind, domain, month }),
                filtered: (kind, unit) => t('alerts.filtered', { kind, unit }),
              }}
            />,
          )}
          {row(
            t('alerts.columns.status'),
            <span data-testid="alert-ack">
              {alert.acknowledgedAt
                ? `${t('alerts.acknowledgedBy', { who: alert.acknowledgedBy ?? '—', at: formatDateTime(alert.acknowledgedAt) })}${alert.acknowledgeComment ? `: ${alert.acknowledgeComment}` : ''}`
                : t('alerts.notAcknowledged')}
            </span>,
          )}
        </dl>
      </div>
      {!alert.acknowledgedAt ? (
        canAcknowledgeAlerts(actor.role) ? (
          <ConfirmAction
            testId="acknowledge"
            action={acknowledgeAlertAction}
            fields={{ id: alert.id }}
            label={t('alerts.acknowledge')}
            title={t('alerts.acknowledgeTitle')}
            body={
              <div className="space-y-2">
                <p>{t('alerts.acknowledgeBody')}</p>
                <label htmlFor="ack-comment" className="block font-medium">
                  {t('alerts.comment')}
                </label>
                <textarea id="ack-comment" name="comment" rows={3} maxLength={1000} className="w-full rounded-md border-gray-300 text-sm" />
              </div>
            }
            confirmLabel={t('alerts.acknowledgeConfirm')}
            cancelLabel={t('alerts.cancel')}
            doneText={t('alerts.acknowledged')}
          />
        ) : (
          <p className="text-sm text-gray-500">{t('alerts.cannotAcknowledge')}</p>
        )
      ) : null}
    </div>
  );
}
