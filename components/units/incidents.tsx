import { getLocale, getTranslations } from 'next-intl/server';
import type { IncidentLine } from '@/domain/dashboards/types';
import { recordsHref } from '@/domain/dashboards/drill';
import { toLocale } from '@/domain/i18n/locales';
import { formatDateTime } from '@/domain/time/shanghai';
import { DataTable } from '@/components/data-table';
import { ExportXlsxLink } from '@/components/export/export-xlsx-link';
import { DateCell, RefCell, StatusCell, UnitCell } from '@/components/dashboards/record-cells';
import { EmptyNote, SectionHead, ShowAll } from '@/components/dashboards/section-parts';

/** The unit's incidents, newest first, withdrawn ones struck through, with their effective tier. */
export async function UnitIncidents({
  unitCode,
  incidents,
  several,
}: {
  unitCode: string;
  incidents: { rows: IncidentLine[]; total: number };
  several: boolean;
}) {
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  return (
    <section aria-labelledby="incidents-heading" className="space-y-2">
      <SectionHead id="incidents-heading" title={t('unitPage.incidents')} hint={t('unitPage.incidentsHint')}>
        <ExportXlsxLink table="unit-incidents" params={{ unit: unitCode }} />
      </SectionHead>
      {incidents.total === 0 ? (
        <EmptyNote text={t('unitPage.noIncidents')} testId="no-incidents" />
      ) : (
        <>
          <DataTable
            compact
            testId="unit-incidents"
            columns={[
              { label: t('domains.reference') },
              ...(several ? [{ label: t('domains.unit') }] : []),
              { label: t('domains.occurred') },
              { label: t('domains.tier') },
              { label: t('domains.status') },
              { label: t('domains.summary') },
            ]}
          >
            {incidents.rows.map((r) => (
              <tr key={r.id} className={`border-t border-gray-100 ${r.status === 'withdrawn' ? 'text-gray-500' : ''}`} data-tier={r.tier}>
                <RefCell
                  href={`/records/incidents/${r.id}`}
                  text={r.externalId}
                  linkClass={`text-blue-700 hover:underline ${r.status === 'withdrawn' ? 'line-through' : ''}`}
                />
                {several ? <UnitCell row={r} locale={locale} /> : null}
                <DateCell text={formatDateTime(r.occurredAt)} />
                <td className={`whitespace-nowrap px-3 py-2 ${r.tier <= 3 ? 'font-semibold text-red-800' : ''}`}>
                  {t(`tiers.${r.tier}` as 'tiers.1')}
                </td>
                <StatusCell status={r.status} label={t(`status.${r.status}` as 'status.open')} />
                <td className="max-w-xs truncate px-3 py-2" title={r.summary ?? ''}>
                  {r.summary}
                </td>
              </tr>
            ))}
          </DataTable>
          <ShowAll shown={incidents.rows.length} total={incidents.total} href={recordsHref('incidents', { unit: unitCode })} />
        </>
      )}
    </section>
  );
}
