import { calendarView } from '@/features/dashboards/grid-views';
import { unitChoices } from '@/features/dashboards/institute-rows';
import { localName } from '@/domain/i18n/locales';
import { HeatmapShell, kindSelect, unitSelect } from '@/components/dashboards/heatmap-shell';
import { HeatLegend } from '@/components/dashboards/heat-legend';
import { HeatGrid } from '@/components/dashboards/heat-grid';
import { countClass } from '@/components/dashboards/heat-scale';
import { ChartCard } from '@/components/export/chart-card';
import { ExportXlsxLink } from '@/components/export/export-xlsx-link';
import { heatmapRequest, heatmapTabMetadata, type HeatmapSearchParams } from '../heatmap-request';

export const generateMetadata = heatmapTabMetadata('calendar');

export const dynamic = 'force-dynamic';

export default async function CalendarHeatmapPage({ searchParams }: { searchParams: HeatmapSearchParams }) {
  const { actor, raw, query, t, locale, db, now } = await heatmapRequest(searchParams, '/heatmaps/calendar', false);
  const v = await calendarView(db, actor, query, now);
  const units = await unitChoices(db, actor.scope);
  const unitParam = v.unit ? `&unit=${encodeURIComponent(v.unit.code)}` : '';
  const first = v.months[0]!;
  const last = v.months[v.months.length - 1]!;

  return (
    <HeatmapShell
      actor={actor}
      window={{ fromDay: first.fromDay, toDay: last.toDay }}
      tab="calendar"
      keep={{ unit: v.unit?.code }}
      action="/heatmaps/calendar"
      selects={[unitSelect(t, locale, v.unit?.code, units), kindSelect(t, v.kind, ['incidents', 'hazards'])]}
    >
      <ChartCard
        title={t('heatmaps.calendarTitle', { kind: t(`kinds.${v.kind}`) })}
        subtitle={t('heatmaps.calendarHint')}
        fileName={`heatmap-months-${last.month}`}
        testId="heatmap-calendar"
        actions={<ExportXlsxLink table="heatmap-calendar" params={raw} />}
      >
        <div className="mb-3">
          <HeatLegend mode="counts" showStates={false} />
        </div>
        <HeatGrid
          testId="heatmap-grid"
          startAtEnd
          scrollHint={t('heatmaps.calendarScrollHint')}
          corner={t('heatmaps.domain')}
          totals={t('heatmaps.total')}
          columns={v.months.map((m) => m.month.slice(2))}
          rows={v.rows.map((r) => ({
            label: localName(locale, r.domain),
            total: r.total,
            cells: r.values.map((n, i) => {
              const m = v.months[i]!;
              return {
                value: n,
                cls: countClass(n),
                label: `${localName(locale, r.domain)} · ${m.month}: ${t('heatmaps.cellCount', { n })}`,
                href: `/records/${v.kind}?domain=${r.domain.code}&from=${m.fromDay}&to=${m.toDay}&state=current${unitParam}`,
              };
            }),
          }))}
        />
      </ChartCard>
    </HeatmapShell>
  );
}
