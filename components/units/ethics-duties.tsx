import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { toLocale } from '@/domain/i18n/locales';
import type { RatingRuleSet } from '@/domain/rating/rule-set';
import { formatDate } from '@/domain/time/shanghai';
import { dutyStateText } from '@/features/dashboards/unit-tables';
import type { DutyState, EthicsDuty } from '@/features/dashboards/unit-view';
import { DataTable } from '@/components/data-table';
import { ExportXlsxLink } from '@/components/export/export-xlsx-link';
import { DateCell } from '@/components/dashboards/record-cells';
import { EmptyNote, SectionHead } from '@/components/dashboards/section-parts';

const dutyTone: Record<DutyState, string> = {
  overdue: 'font-semibold text-red-800',
  dueSoon: 'font-semibold text-amber-800',
  due: 'text-gray-700',
  pending: 'text-amber-800',
  late: 'text-orange-800',
  done: 'text-emerald-800',
};

/** The unit's ethics duties with the rule set's deadlines: overdue first, then what falls due soonest. */
export async function UnitEthicsDuties({ unitCode, duties, ruleSet }: { unitCode: string; duties: EthicsDuty[]; ruleSet: RatingRuleSet }) {
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  return (
    <section aria-labelledby="ethics-heading" className="space-y-2">
      <SectionHead
        id="ethics-heading"
        title={t('unitPage.ethics')}
        hint={t('unitPage.ethicsHint', {
          committeeDays: ruleSet.ethics.committeeRegistrationDays,
          activityDays: ruleSet.ethics.activityRegistrationDays,
          due: dayOfYear(ruleSet.ethics.annualReportDue, locale),
        })}
      >
        <ExportXlsxLink table="unit-ethics" params={{ unit: unitCode }} />
      </SectionHead>
      {duties.length === 0 ? (
        <EmptyNote text={t('unitPage.noEthics')} testId="no-ethics" />
      ) : (
        <DataTable
          compact
          testId="unit-ethics"
          columns={[
            { label: t('unitPage.duty') },
            { label: t('domains.reference') },
            { label: t('unitPage.dutySubject') },
            { label: t('unitPage.deadline') },
            { label: t('unitPage.doneAt') },
            { label: t('unitPage.dutyStateLabel') },
          ]}
        >
          {duties.map((d) => (
            <tr key={`${d.kind}|${d.reference}`} className="border-t border-gray-100" data-state={d.state}>
              <td className="px-3 py-2">{t(`unitPage.dutyKind.${d.kind}`)}</td>
              <td className="px-3 py-2 font-mono text-xs">
                {d.record ? (
                  <Link href={`/records/${d.record.kind}/${d.record.id}`} className="text-blue-700 hover:underline">
                    {d.reference}
                  </Link>
                ) : (
                  d.reference
                )}
              </td>
              <td className="max-w-xs truncate px-3 py-2">{d.label ?? '—'}</td>
              <DateCell text={formatDate(d.deadline) || '—'} />
              <DateCell text={formatDate(d.doneAt) || '—'} />
              <td className={`whitespace-nowrap px-3 py-2 ${dutyTone[d.state]}`}>
                {dutyStateText(d, (k, p) => t(k as 'unitPage.duty', p))}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}

/** "1 April" / "4 月 1 日": a day of the year in the reader's language. */
function dayOfYear({ month, day }: { month: number; day: number }, locale: string): string {
  if (locale !== 'en') return `${month} 月 ${day} 日`;
  return `${day} ${new Intl.DateTimeFormat('en', { month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2000, month - 1, 1)))}`;
}
