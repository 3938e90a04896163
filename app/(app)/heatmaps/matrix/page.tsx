import { getLocale, getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { listDomains } from '@/db/queries/reference';
import { requireActor } from '@/server/auth/current-actor';
import { dashboardHref, dashboardQuerySchema } from '@/domain/dashboards/filters';
import { matrixView } from '@/features/dashboards/grid-views';
import { unitChoices } from '@/features/dashboards/institute-rows';
import { localName, toLocale } from '@/domain/i18n/locales';
import { ratedYears } from '@/domain/records/date-range';
import { defaultRiskBands } from '@/domain/reference/risk-matrix';
import { PageHeader } from '@/components/page-header';
import { scopeText } from '@/components/scope-text';
import { HeatmapTabs } from '@/components/dashboards/heatmap-tabs';
import { FilterBar } from '@/components/dashboards/filter-bar';
import { HeatGrid } from '@/components/dashboards/heat-grid';
import { bandClass } from '@/components/dashboards/heat-scale';
import { ChartCard } from '@/components/export/chart-card';
import { ExportXlsxLink } from '@/components/export/export-xlsx-link';
import { YearOutsideRange, yearOutside } from '@/components/year-outside-range';

export async function generateMetadata() {
  return { title: (await getTranslations('heatmaps.tabs'))('matrix') };
}

export const dynamic = 'force-dynamic';

export default async function MatrixHeatmapPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireActor();
  const raw = await searchParams;
  const query = dashboardQuerySchema.parse(raw);
  const t = await getTranslations();
  const outside = yearOutside(raw.year);
  if (outside !== null)
    return (
      <YearOutsideRange
        title={t('heatmaps.title')}
        given={outside}
        hrefFor={(y) => dashboardHref('/heatmaps/matrix', query, { year: y })}
      />
    );
  const locale = toLocale(await getLocale());
  const db = getDb();
  const now = new Date();
  const v = matrixView(db, actor, query, now);
  const w = v.window;
  const extra = [
    query.domain ? `&domain=${encodeURIComponent(query.domain)}` : '',
    query.stage ? `&stage=${query.stage}` : '',
    v.unit ? `&unit=${encodeURIComponent(v.unit.code)}` : '',
  ].join('');
  const total = v.grid.flat().reduce((s, c) => s + c.n, 0);

  return (
    <div>
      <PageHeader
        title={t('heatmaps.title')}
        subtitle={`${await scopeText(actor)} · ${t('heatmaps.window', { from: w.fromDay, to: w.toDay })}`}
      />
      <HeatmapTabs current="matrix" keep={{ year: query.year?.toString(), unit: v.unit?.code }} />
      <FilterBar
        action="/heatmaps/matrix"
        selects={[
          {
            name: 'year',
            label: t('dashboards.year'),
            value: String(v.year),
            options: ratedYears(now).map((y) => ({ value: String(y), label: String(y) })),
          },
          {
            name: 'domain',
            label: t('dashboards.domain'),
            value: query.domain,
            any: t('dashboards.all'),
            options: listDomains(db).map((d) => ({ value: d.code, label: localName(locale, d) })),
          },
          {
            name: 'unit',
            label: t('dashboards.unit'),
            value: v.unit?.code,
            any: t('dashboards.all'),
            options: unitChoices(db, actor.scope).map((u) => ({
              value: u.code,
              label: `${u.kind === 'institute' ? '　' : ''}${localName(locale, u)}`,
            })),
          },
          {
            name: 'stage',
            label: t('dashboards.stage'),
            value: query.stage,
            any: t('dashboards.all'),
            options: (['initiation', 'implementation', 'output', 'change'] as const).map((s) => ({ value: s, label: t(`stages.${s}`) })),
          },
        ]}
      />
      <ChartCard
        title={t('heatmaps.matrixTitle')}
        subtitle={t('heatmaps.matrixHint')}
        fileName={`risk-matrix-${v.year}`}
        testId="heatmap-matrix"
        actions={<ExportXlsxLink table="heatmap-matrix" params={raw} />}
      >
        <ul className="mb-3 flex flex-wrap gap-x-4 gap-y-1 text-xs text-gray-700" data-testid="heat-legend">
          {defaultRiskBands.map((b) => (
            <li key={b.level} className="flex items-center gap-1.5">
              <span className={`inline-block h-4 w-6 rounded ${bandClass[b.level]}`} aria-hidden />
              {t('heatmaps.legend.risk', { level: t(`riskLevels.${b.level}`), min: b.min, max: b.max })}
            </li>
          ))}
        </ul>
        {total === 0 ? (
          <p className="rounded-md bg-gray-50 p-8 text-center text-sm text-gray-600" data-testid="heatmap-empty">
            {t('heatmaps.matrixEmpty')}
          </p>
        ) : null}
        <div className="max-w-2xl">
          <HeatGrid
            testId="heatmap-grid"
            corner={t('heatmaps.impactLikelihood')}
            columns={[1, 2, 3, 4, 5].map((n) => t('heatmaps.likelihoodN', { n }))}
            rows={v.grid.map((row) => ({
              label: t('heatmaps.impactN', { n: row[0]!.impact }),
              cells: row.map((c) => ({
                value: c.n,
                cls: bandClass[c.level],
                label: t('heatmaps.matrixCell', {
                  l: c.likelihood,
                  i: c.impact,
                  r: c.likelihood * c.impact,
                  level: t(`riskLevels.${c.level}`),
                  n: c.n,
                }),
                href: `/records/assessments?cell=${c.likelihood}-${c.impact}&from=${w.fromDay}&to=${w.toDay}&state=current${extra}`,
              })),
            }))}
          />
        </div>
      </ChartCard>
    </div>
  );
}
