import { dimensionView } from '@/features/dashboards/grid-views';
import { unitChoices } from '@/features/dashboards/institute-rows';
import { localName } from '@/domain/i18n/locales';
import { HeatmapShell, kindSelect, unitSelect, yearSelect } from '@/components/dashboards/heatmap-shell';
import { HeatLegend } from '@/components/dashboards/heat-legend';
import { HeatGrid } from '@/components/dashboards/heat-grid';
import { countClass } from '@/components/dashboards/heat-scale';
import { ChartCard } from '@/components/export/chart-card';
import { ExportXlsxLink } from '@/components/export/export-xlsx-link';
import { heatmapRequest, heatmapTabMetadata, type HeatmapSearchParams } from '../heatmap-request';

export const generateMetadata = heatmapTabMetadata('dimensions');

export const dynamic = 'force-dynamic';

export default async function DimensionHeatmapPage({ searchParams }: { searchParams: HeatmapSearchParams }) {
  const { actor, raw, query, t, locale, outside, db, now } = await heatmapRequest(searchParams, '/heatmaps/dimensions');
  if (outside) return outside;
  const v = await dimensionView(db, actor, query, now);
  const units = await unitChoices(db, actor.scope);
  const w = v.window;
  const unitParam = v.unit ? `&unit=${encodeURIComponent(v.unit.code)}` : '';
  const what = v.kind === 'assessments' ? t('heatmaps.assessedDimension') : t(`kinds.${v.kind}`);

  return (
    <HeatmapShell
      actor={actor}
      window={w}
      tab="dimensions"
      keep={{ year: query.year?.toString(), unit: v.unit?.code }}
      action="/heatmaps/dimensions"
      selects={[
        yearSelect(t, v.year, now),
        unitSelect(t, locale, v.unit?.code, units),
        kindSelect(t, v.kind, ['incidents', 'hazards', 'assessments']),
      ]}
    >
      <ChartCard
        title={t('heatmaps.dimensionTitle', { what })}
        subtitle={v.kind === 'assessments' ? t('heatmaps.dimensionAssessHint') : t('heatmaps.dimensionHint')}
        fileName={`heatmap-dimensions-${v.year}`}
        testId="heatmap-dimensions"
        actions={<ExportXlsxLink table="heatmap-dimensions" params={raw} />}
      >
        <div className="mb-3">
          <HeatLegend mode="counts" showStates={false} />
        </div>
        <HeatGrid
          testId="heatmap-grid"
          corner={t('heatmaps.domain')}
          totals={t('heatmaps.total')}
          columns={v.dimensions.map((d) => localName(locale, d))}
          rows={v.rows.map((r) => ({
            label: localName(locale, r.domain),
            total: r.total,
            cells: r.values.map((n, i) => {
              const dim = v.dimensions[i]!;
              return {
                value: n,
                cls: countClass(n),
                label: `${localName(locale, r.domain)} · ${localName(locale, dim)}: ${t('heatmaps.cellCount', { n })}`,
                href: `/records/${v.kind}?domain=${r.domain.code}&dimension=${dim.code}&from=${w.fromDay}&to=${w.toDay}&state=current${unitParam}`,
              };
            }),
          }))}
        />
      </ChartCard>
    </HeatmapShell>
  );
}
