import { getLocale, getTranslations } from 'next-intl/server';
import type { IncidentLine } from '@/domain/dashboards/types';
import { recordsHref } from '@/domain/dashboards/drill';
import { toLocale } from '@/domain/i18n/locales';
import { formatDateTime } from '@/domain/time/shanghai';
import { DataTable } from '@/components/data-table';
import { DateCell, RefCell, StatusCell, UnitCell } from '@/components/dashboards/record-cells';
import { ShowAll } from '@/components/dashboards/section-parts';
import { DomainSection } from './domain-section';
import { drillOf, exportParams, type DomainWhere } from './where';

/** The domain's serious incidents (tiers I-III) of the year, newest first. */
export async function DomainSeriousIncidents({ where, serious }: { where: DomainWhere; serious: { rows: IncidentLine[]; total: number } }) {
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  const { year } = where;
  return (
    <DomainSection
      className="min-w-0 space-y-2"
      head={['serious-heading', t('domains.seriousHeading', { year })]}
      table={['domain-serious', exportParams(where)]}
      empty={[serious.total, t('domains.seriousEmpty', { year }), 'serious-empty']}
    >
      <>
        <DataTable
          compact
          testId="domain-serious"
          columns={[
            { label: t('domains.reference') },
            { label: t('domains.unit') },
            { label: t('domains.occurred') },
            { label: t('domains.tier') },
            { label: t('domains.status') },
          ]}
        >
          {serious.rows.map((r) => (
            <tr key={r.id} className="border-t border-gray-100" data-tier={r.tier}>
              <RefCell prefetch={false} href={`/records/incidents/${r.id}`} text={r.externalId} />
              <UnitCell row={r} locale={locale} />
              <DateCell text={formatDateTime(r.occurredAt)} />
              <td className={`whitespace-nowrap px-3 py-2 font-medium ${r.tier <= 2 ? 'text-red-800' : 'text-orange-800'}`}>
                {t(`tiers.${r.tier}` as 'tiers.1')}
              </td>
              <StatusCell nowrap status={r.status} label={t(`status.${r.status}` as 'status.open')} />
            </tr>
          ))}
        </DataTable>
        <ShowAll
          prefetch={false}
          shown={serious.rows.length}
          total={serious.total}
          href={recordsHref('incidents', { ...drillOf(where), year, state: 'current', tier: 'serious' })}
        />
      </>
    </DomainSection>
  );
}
