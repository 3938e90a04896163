import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { LevelBadge } from '@/components/level-badge';
import type { AlertView } from '@/domain/alerts/types';
import { ruleKey } from '@/domain/rule-sets/alert-texts';
import type { Locale } from '@/domain/i18n/locales';
import { formatDateTime } from '@/domain/time/shanghai';

/** One page of the inbox: unread alerts stand out; each says its rule, unit, time and acknowledgement. */
export async function AlertList({ rows, filtered, locale }: { rows: AlertView[]; filtered: boolean; locale: Locale }) {
  const t = await getTranslations();
  if (rows.length === 0)
    return (
      <p
        className="rounded-lg border border-dashed border-gray-300 bg-white p-8 text-center text-sm text-gray-600"
        data-testid="alerts-empty"
      >
        {filtered ? t('alerts.empty') : t('alerts.emptyAll')}
      </p>
    );
  return (
    <ul className="divide-y divide-gray-100 rounded-lg border border-gray-200 bg-white" data-testid="alert-list">
      {rows.map((a) => (
        <li
          key={a.id}
          className={`flex flex-wrap items-start gap-3 px-4 py-3 ${a.read ? '' : 'bg-amber-50/60'}`}
          data-testid="alert-row"
          data-rule={a.rule}
          data-colour={a.colour}
          data-read={a.read ? 'yes' : 'no'}
        >
          <LevelBadge level={a.colour} label={t(`levels.${a.colour}`)} />
          <div className="min-w-0 flex-1">
            <p className={`text-sm ${a.read ? 'text-gray-800' : 'font-semibold text-gray-900'}`}>
              {!a.read ? (
                <span className="mr-2 rounded bg-amber-600 px-1.5 py-0.5 text-xs font-semibold text-white">{t('alerts.unread')}</span>
              ) : null}
              <Link href={`/alerts/${a.id}`} className="hover:underline">
                {locale === 'en' ? a.messageEn : a.messageZh}
              </Link>
            </p>
            <p className="mt-1 text-xs text-gray-500">
              {t(`alerts.ruleNames.${ruleKey(a.rule)}`)} · {a.unitCode ?? t('alerts.academyWide')} · {formatDateTime(a.firedAt)} ·{' '}
              {a.acknowledgedAt
                ? t('alerts.acknowledgedBy', { who: a.acknowledgedBy ?? '—', at: formatDateTime(a.acknowledgedAt) })
                : t('alerts.notAcknowledged')}
            </p>
          </div>
          <Link href={`/alerts/${a.id}`} className="text-sm text-blue-700 hover:underline">
            {t('alerts.open')}
          </Link>
        </li>
      ))}
    </ul>
  );
}
