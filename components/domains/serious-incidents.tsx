import { getLocale, getTranslations } from 'next-intl/server';
import type { IncidentLine } from '@/domain/dashboards/types';
import { recordsHref } from '@/domain/dashboards/drill';
import { toLocale } from '@/domain/i18n/locales';
import { formatDateTime } from '@/domain/time/shanghai';
import { DataTable } from '@/components/data-table';
import { ExportXlsxLink } from '@/components/export/export-xlsx-link';
import { DateCell, RefCell, StatusCell, UnitCell } from '@/components/dashboards/record-cells';
import { EmptyNote, SectionHead, ShowAll } from '@/components/dashboards/section-parts';
import { drillOf, exportParams, type DomainWhere } from './where';

/** The domain's serious incidents (tiers I-III) of the year, newest first. */
export async function DomainSeriousIncidents({ where, serious }: { where: DomainWhere; serious: { rows: IncidentLine[]; total: number } }) {
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  const { year } = where;
  return (
    <section className="min-w-0 space-y-2" aria-labelledby="serious-heading">
      <SectionHead id="serious-heading" title={t('domains.seriousHeading', { year })}>
        <ExportXlsxLink table="domain-serious" params={exportParams(where)} />
      </SectionHead>
      {serious.total === 0 ? (
        <EmptyNote roomy text={t('domains.seriousEmpty', { year })} testId="serious-empty" />
      ) : (
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
      )}
    </section>
  );
}
