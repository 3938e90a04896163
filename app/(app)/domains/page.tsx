import { getLocale, getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { requireActor } from '@/server/auth/current-actor';
import { domainView, loadDomainIndex } from '@/features/dashboards/domain-view';
import { toSearchParams } from '@/domain/auth/narrow-scope';
import { localName, toLocale } from '@/domain/i18n/locales';
import { DataTable } from '@/components/data-table';
import { PageHeader } from '@/components/page-header';
import { scopeText } from '@/components/scope-text';
import { ExportXlsxLink } from '@/components/export/export-xlsx-link';
import { EmptyNote, SectionHead } from '@/components/dashboards/section-parts';
import { DomainFilter } from '@/components/domains/domain-filter';
import { DomainIndexRow } from '@/components/domains/domain-index-row';
import { YearOutsideRange, withYear, yearOutside } from '@/components/year-outside-range';

export async function generateMetadata() {
  return { title: (await getTranslations('nav'))('domains') };
}

export default async function DomainsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor();
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  const db = getDb();
  const now = new Date();
  const raw = await searchParams;
  const outside = yearOutside(raw.year);
  if (outside !== null)
    return <YearOutsideRange title={t('domains.title')} given={outside} hrefFor={(y) => withYear('/domains', raw, y)} />;
  const view = await domainView(db, actor, toSearchParams(raw), now);
  const rows = await loadDomainIndex(db, view, now);
  const unit = view.branch?.code;
  const year = view.year;
  const keep = { year: String(year), branch: unit };
  const pageQuery = `?year=${year}${unit ? `&branch=${encodeURIComponent(unit)}` : ''}`;
  const quiet = rows.every((r) => r.figures.incidents + r.figures.hazards + r.figures.openMajor === 0);

  return (
    <div className="space-y-5">
      <PageHeader
        title={t('domains.title')}
        subtitle={t('domains.subtitle', { year, scope: view.branch ? localName(locale, view.branch) : await scopeText(actor) })}
      />
      <DomainFilter action="/domains" years={view.years} year={year} branches={view.branches} branch={unit} />
      <section className="space-y-2" aria-labelledby="domains-heading">
        <SectionHead id="domains-heading" title={t('domains.indexHeading', { year })} hint={t('domains.indexHint')}>
          <ExportXlsxLink table="domains" params={keep} />
        </SectionHead>
        {quiet ? <EmptyNote roomy text={t('domains.indexEmpty', { year })} testId="domains-empty" /> : null}
        <DataTable
          testId="domain-index"
          columns={[
            { label: t('domains.domain') },
            { label: t('domains.incidents'), align: 'right' },
            { label: t('domains.serious'), align: 'right' },
            { label: t('domains.hazards'), align: 'right' },
            { label: t('domains.openMajor'), align: 'right' },
            { label: t('domains.units'), align: 'right' },
          ]}
        >
          {rows.map(({ domain, figures }) => (
            <DomainIndexRow key={domain.code} domain={domain} f={figures} year={year} unit={unit} pageQuery={pageQuery} />
          ))}
        </DataTable>
      </section>
    </div>
  );
}
