import { getLocale, getTranslations } from 'next-intl/server';
import type { HazardLine } from '@/domain/dashboards/types';
import { recordsHref } from '@/domain/dashboards/drill';
import { toLocale } from '@/domain/i18n/locales';
import { formatDate } from '@/domain/time/shanghai';
import { daysOverdue } from '@/features/dashboards/domain-view';
import { DataTable } from '@/components/data-table';
import { DateCell, DueCell, RefCell, UnitCell } from '@/components/dashboards/record-cells';
import { ShowAll } from '@/components/dashboards/section-parts';
import { DomainSection } from './domain-section';
import { drillOf, exportParams, type DomainWhere } from './where';

/** The domain's major hazards not yet rectified, the most overdue first. */
export async function DomainOpenMajorHazards({
  where,
  openMajor,
  now,
}: {
  where: DomainWhere;
  openMajor: { rows: HazardLine[]; total: number };
  now: Date;
}) {
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  return (
    <DomainSection
      className="min-w-0 space-y-2"
      head={['open-major-heading', t('domains.openMajorHeading'), t('domains.openMajorHint')]}
      table={['domain-open-major', exportParams(where)]}
      empty={[openMajor.total, t('domains.openMajorEmpty'), 'open-major-empty']}
    >
      <>
        <DataTable
          compact
          testId="domain-open-major"
          columns={[
            { label: t('domains.reference') },
            { label: t('domains.unit') },
            { label: t('domains.due') },
            { label: t('domains.dueState') },
          ]}
        >
          {openMajor.rows.map((r) => {
            const days = daysOverdue(r.dueAt, now);
            return (
              <tr key={r.id} className="border-t border-gray-100" data-days={days}>
                <RefCell prefetch={false} href={`/records/hazards/${r.id}`} text={r.externalId} />
                <UnitCell row={r} locale={locale} />
                <DateCell text={formatDate(r.dueAt)} />
                <DueCell days={days} locale={locale} />
              </tr>
            );
          })}
        </DataTable>
        <ShowAll
          prefetch={false}
          shown={openMajor.rows.length}
          total={openMajor.total}
          href={recordsHref('hazards', { ...drillOf(where), severity: 'major', state: 'open' })}
        />
      </>
    </DomainSection>
  );
}
