import { getTranslations } from 'next-intl/server';
import { AlertLinks } from '@/components/alerts/alert-links';
import { LevelBadge } from '@/components/level-badge';
import { alertPeriodText, type Translate } from '@/domain/alerts/period-text';
import type { AlertView } from '@/domain/alerts/types';
import type { Locale } from '@/domain/i18n/locales';
import { ruleKey } from '@/domain/rule-sets/alert-texts';
import { formatDateTime } from '@/domain/time/shanghai';

/** One alert's message and facts: rule, unit, period, when it fired, its causes (links) and acknowledgement. */
export async function AlertDetail({
  alert,
  domains,
  locale,
}: {
  alert: AlertView;
  domains: Map<string, { zh: string; en: string }>;
  locale: Locale;
}) {
  const t = await getTranslations();
  const row = (label: string, value: React.ReactNode) => (
    <div className="grid gap-1 py-2 sm:grid-cols-4">
      <dt className="text-sm text-gray-500">{label}</dt>
      <dd className="text-sm text-gray-900 sm:col-span-3">{value}</dd>
    </div>
  );
  return (
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
  );
}
