import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { inboxHref, type InboxQuery } from '@/features/alerts/views/inbox';
import { alertRuleIds } from '@/domain/alerts/rule-set';
import { ruleKey } from '@/domain/rule-sets/alert-texts';
import { levels } from '@/domain/reference/level-codes';
import { shanghaiMonth } from '@/domain/time/shanghai';

/** The inbox's filters, as a GET form: rule, colour, unit, acknowledged, month and order. */
export async function InboxFilterForm({ q, filtered }: { q: InboxQuery; filtered: boolean }) {
  const t = await getTranslations();
  const select = 'rounded-md border-gray-300 text-sm';
  return (
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
  );
}
