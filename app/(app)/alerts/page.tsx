import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { listAlerts } from '@/db/queries/alerts';
import { unacknowledgedByColour } from '@/db/queries/alert-triage';
import { requireActor } from '@/server/auth/current-actor';
import { inboxFilters, inboxHref, inboxQuerySchema } from '@/features/alerts/views/inbox';
import { alertRuleIds } from '@/domain/alerts/rule-set';
import { ruleKey } from '@/domain/rule-sets/alert-texts';
import { toLocale } from '@/domain/i18n/locales';
import { levels } from '@/domain/reference/level-codes';
import { formatDateTime, shanghaiMonth } from '@/domain/time/shanghai';
import { LevelBadge } from '@/components/level-badge';
import { PageHeader } from '@/components/page-header';
import { canManageRatings } from '@/domain/auth/rating-permissions';
import { Pagination } from '@/components/pagination';
import { MarkAllRead } from '@/components/alerts/mark-all-read';

export async function generateMetadata() {
  return { title: (await getTranslations('alerts'))('title') };
}

const PAGE_SIZE = 50;

export default async function AlertsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  const q = inboxQuerySchema.parse(await searchParams);
  const filters = inboxFilters(q);
  const db = getDb();
  const { total, rows } = listAlerts(db, actor, filters, { page: q.page, pageSize: PAGE_SIZE }, q.sort);
  const waiting = unacknowledgedByColour(db, actor.scope);
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const filtered = Boolean(q.rule || q.colour || q.unit || q.ack || q.period);
  const select = 'rounded-md border-gray-300 text-sm';
  return (
    <div className="space-y-4">
      <PageHeader title={t('alerts.title')} subtitle={t('alerts.subtitle')}>
        <div className="flex items-center gap-3">
          <Link href="/alerts/rules" className="text-sm text-blue-700 hover:underline">
            {t('alerts.rulesLink')}
          </Link>
          {canManageRatings(actor.role) ? (
            <Link href="/alerts/delivery" className="text-sm text-blue-700 hover:underline" data-testid="delivery-link">
              {t('alerts.deliveryLink')}
            </Link>
          ) : null}
          <MarkAllRead label={t('alerts.markAllRead')} done={t.raw('alerts.markedRead') as string} />
        </div>
      </PageHeader>
      <form className="flex flex-wrap items-end gap-3 text-sm" data-testid="alert-filters">
        <label className="flex flex-col gap-1">
          {t('alerts.filters.rule')}
          <select name="rule" defaultValue={q.rule ?? ''} className={select}>
            <option value="">{t('alerts.filters.allRules')}</option>
            {alertRuleIds.map((r) => (
              <option key={r} value={r}>
                {t(`alerts.ruleNames.${ruleKey(r)}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          {t('alerts.filters.colour')}
          <select name="colour" defaultValue={q.colour ?? ''} className={select}>
            <option value="">{t('alerts.filters.allColours')}</option>
            {levels.map((l) => (
              <option key={l} value={l}>
                {t(`levels.${l}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          {t('alerts.filters.unit')}
          <input name="unit" defaultValue={q.unit ?? ''} className={`${select} w-28`} />
        </label>
        <label className="flex flex-col gap-1">
          {t('alerts.filters.acknowledged')}
          <select name="ack" defaultValue={q.ack ?? ''} className={select}>
            <option value="">{t('alerts.filters.any')}</option>
            <option value="yes">{t('alerts.filters.yes')}</option>
            <option value="no">{t('alerts.filters.no')}</option>
          </select>
        </label>
        <label className="flex flex-col gap-1">
          {t('alerts.filters.period')}
          <input type="month" name="period" defaultValue={q.period ?? ''} className={select} />
        </label>
        <label className="flex flex-col gap-1">
          {t('alerts.filters.sort')}
          <select name="sort" defaultValue={q.sort} className={select} data-testid="alert-sort">
            <option value="action">{t('alerts.filters.sortAction')}</option>
            <option value="newest">{t('alerts.filters.sortNewest')}</option>
          </select>
        </label>
        <button type="submit" className="rounded-md border border-gray-300 bg-white px-3 py-1.5">
          {t('alerts.filters.apply')}
        </button>
        <Link
          href={inboxHref({ page: 1, sort: q.sort }, { period: shanghaiMonth(new Date()) })}
          className="py-1.5 text-blue-700 hover:underline"
          data-testid="this-month"
        >
          {t('alerts.filters.thisMonth')}
        </Link>
        {filtered ? (
          <Link href="/alerts" className="py-1.5 text-blue-700 hover:underline">
            {t('alerts.filters.clear')}
          </Link>
        ) : null}
      </form>
      <p className="flex flex-wrap items-center gap-2 text-sm text-gray-700" data-testid="needs-action">
        {t('alerts.needsAction')}
        {[...levels].reverse().map((l) => (
          <Link key={l} href={inboxHref(q, { colour: l, ack: 'no', page: 1 })} className="hover:underline" data-colour={l}>
            <LevelBadge level={l} label={t('alerts.needsActionItem', { level: t(`levels.${l}`), n: waiting[l] })} />
          </Link>
        ))}
      </p>
      {rows.length === 0 ? (
        <p
          className="rounded-lg border border-dashed border-gray-300 bg-white p-8 text-center text-sm text-gray-600"
          data-testid="alerts-empty"
        >
          {filtered ? t('alerts.empty') : t('alerts.emptyAll')}
        </p>
      ) : (
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
      )}
      <Pagination
        page={q.page}
        pages={pages}
        hrefFor={(p) => inboxHref(q, { page: p })}
        labels={{ previous: t('alerts.previous'), next: t('alerts.next'), showing: t('alerts.showing', { total, page: q.page, pages }) }}
      />
    </div>
  );
}
