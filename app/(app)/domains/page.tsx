import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { requireActor } from '@/server/auth/current-actor';
import { recordsHref } from '@/domain/dashboards/drill';
import { domainView, loadDomainIndex } from '@/features/dashboards/domain-view';
import { toSearchParams } from '@/domain/auth/narrow-scope';
import { localName, toLocale } from '@/domain/i18n/locales';
import { DataTable } from '@/components/data-table';
import { PageHeader } from '@/components/page-header';
import { scopeText } from '@/components/scope-text';
import { ExportXlsxLink } from '@/components/export/export-xlsx-link';
import { CountLink } from '@/components/dashboards/figure';
import { YearBranchFilter } from '@/components/dashboards/year-branch-filter';
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
  const view = domainView(db, actor, toSearchParams(raw), now);
  const rows = loadDomainIndex(db, view, now);
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
      <YearBranchFilter
        action="/domains"
        years={view.years}
        year={year}
        branches={view.branches.map((b) => ({ code: b.code, label: localName(locale, b) }))}
        branch={unit}
        labels={{
          legend: t('domains.filters'),
          year: t('domains.year'),
          branch: t('domains.branch'),
          allBranches: t('domains.allBranches'),
          apply: t('domains.apply'),
          reset: t('domains.reset'),
        }}
      />
      <section className="space-y-2" aria-labelledby="domains-heading">
        <div className="flex flex-wrap items-end justify-between gap-2">
          <div>
            <h2 id="domains-heading" className="text-lg font-semibold">
              {t('domains.indexHeading', { year })}
            </h2>
            <p className="text-xs text-gray-500">{t('domains.indexHint')}</p>
          </div>
          <ExportXlsxLink table="domains" params={keep} />
        </div>
        {quiet ? (
          <p
            className="rounded-lg border border-dashed border-gray-300 bg-white p-6 text-center text-sm text-gray-600"
            data-testid="domains-empty"
          >
            {t('domains.indexEmpty', { year })}
          </p>
        ) : null}
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
          {rows.map(({ domain, figures: f }) => {
            const drill = { domain: domain.code, unit };
            return (
              <tr key={domain.code} className="border-t border-gray-100 hover:bg-gray-50" data-domain={domain.code}>
                <th scope="row" className="px-4 py-2 text-left font-medium">
                  <Link
                    prefetch={false}
                    href={`/domains/${encodeURIComponent(domain.code)}${pageQuery}`}
                    className="text-blue-700 hover:underline"
                  >
                    {localName(locale, domain)}
                  </Link>
                </th>
                <td className="px-4 py-2 text-right" data-col="incidents">
                  <CountLink n={f.incidents} href={recordsHref('incidents', { ...drill, year, state: 'current' })} />
                </td>
                <td className="px-4 py-2 text-right" data-col="serious">
                  <CountLink n={f.serious} strong href={recordsHref('incidents', { ...drill, year, state: 'current', tier: 'serious' })} />
                </td>
                <td className="px-4 py-2 text-right" data-col="hazards">
                  <CountLink n={f.hazards} href={recordsHref('hazards', { ...drill, year, state: 'current' })} />
                </td>
                <td className="px-4 py-2 text-right" data-col="open-major">
                  <CountLink n={f.openMajor} strong href={recordsHref('hazards', { ...drill, severity: 'major', state: 'open' })} />
                  {f.overdueMajor > 0 ? (
                    <span className="block text-xs text-red-800">{t('domains.overdueNote', { n: f.overdueMajor })}</span>
                  ) : null}
                </td>
                <td className="px-4 py-2 text-right" data-col="units">
                  <CountLink n={f.units} href={`/domains/${encodeURIComponent(domain.code)}${pageQuery}#units`} />
                </td>
              </tr>
            );
          })}
        </DataTable>
      </section>
    </div>
  );
}
