import { getLocale, getTranslations } from 'next-intl/server';
import type { HazardLine } from '@/domain/dashboards/types';
import { recordsHref } from '@/domain/dashboards/drill';
import { toLocale } from '@/domain/i18n/locales';
import { formatDate } from '@/domain/time/shanghai';
import { daysOverdue } from '@/features/dashboards/domain-view';
import { DataTable } from '@/components/data-table';
import { ExportXlsxLink } from '@/components/export/export-xlsx-link';
import { DateCell, DueCell, RefCell, UnitCell } from '@/components/dashboards/record-cells';
import { EmptyNote, SectionHead, ShowAll } from '@/components/dashboards/section-parts';

/** The unit's hazards not yet rectified, soonest due first, with how far each is from its due date. */
export async function UnitOpenHazards({
  unitCode,
  hazards,
  several,
  domainNames,
  now,
}: {
  unitCode: string;
  hazards: { rows: HazardLine[]; total: number };
  /** The unit has units below it: say which one filed each row. */
  several: boolean;
  domainNames: Map<string, string>;
  now: Date;
}) {
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  return (
    <section aria-labelledby="hazards-heading" className="space-y-2">
      <SectionHead id="hazards-heading" title={t('unitPage.openHazards')} hint={t('unitPage.openHazardsHint')}>
        <ExportXlsxLink table="unit-open-hazards" params={{ unit: unitCode }} />
      </SectionHead>
      {hazards.total === 0 ? (
        <EmptyNote text={t('unitPage.noOpenHazards')} testId="no-open-hazards" />
      ) : (
        <>
          <DataTable
            compact
            testId="unit-open-hazards"
            columns={[
              { label: t('domains.reference') },
              ...(several ? [{ label: t('domains.unit') }] : []),
              { label: t('unitPage.severity') },
              { label: t('records.domain') },
              { label: t('domains.found') },
              { label: t('domains.due') },
              { label: t('domains.dueState') },
            ]}
          >
            {hazards.rows.map((r) => {
              const days = daysOverdue(r.dueAt, now);
              return (
                <tr key={r.id} className="border-t border-gray-100" data-days={days} data-ref={r.externalId}>
                  <RefCell href={`/records/hazards/${r.id}`} text={r.externalId} />
                  {several ? <UnitCell row={r} locale={locale} /> : null}
                  <td className={`px-3 py-2 ${r.severity === 'major' ? 'font-semibold text-red-800' : ''}`}>
                    {t(`severity.${r.severity}`)}
                  </td>
                  <td className="px-3 py-2">{domainNames.get(r.domain) ?? r.domain}</td>
                  <DateCell text={formatDate(r.foundAt)} />
                  <DateCell text={formatDate(r.dueAt)} />
                  <DueCell days={days} locale={locale} testId="due-state" />
                </tr>
              );
            })}
          </DataTable>
          <ShowAll shown={hazards.rows.length} total={hazards.total} href={recordsHref('hazards', { unit: unitCode, state: 'open' })} />
        </>
      )}
    </section>
  );
}
