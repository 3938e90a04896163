import { listDomains } from '@/db/reference/reference';
import { matrixView } from '@/features/dashboards/grid-views';
import { unitChoices } from '@/features/dashboards/institute-rows';
import { localName } from '@/domain/i18n/locales';
import { HeatmapShell, unitSelect, yearSelect } from '@/components/dashboards/heatmap-shell';
import { RiskMatrixCard } from '@/components/dashboards/risk-matrix-card';
import { heatmapRequest, heatmapTabMetadata, type HeatmapSearchParams } from '../heatmap-request';

export const generateMetadata = heatmapTabMetadata('matrix');

export const dynamic = 'force-dynamic';

export default async function MatrixHeatmapPage({ searchParams }: { searchParams: HeatmapSearchParams }) {
  const { actor, raw, query, t, locale, outside, db, now } = await heatmapRequest(searchParams, '/heatmaps/matrix');
  if (outside) return outside;
  const v = await matrixView(db, actor, query, now);
  const domains = await listDomains(db);
  const units = await unitChoices(db, actor.scope);
  const w = v.window;
  const extra = [
    query.domain ? `&domain=${encodeURIComponent(query.domain)}` : '',
    query.stage ? `&stage=${query.stage}` : '',
    v.unit ? `&unit=${encodeURIComponent(v.unit.code)}` : '',
  ].join('');

  return (
    <HeatmapShell
      actor={actor}
      window={w}
      tab="matrix"
      keep={{ year: query.year?.toString(), unit: v.unit?.code }}
      action="/heatmaps/matrix"
      selects={[
        yearSelect(t, v.year, now),
        {
          name: 'domain',
          label: t('dashboards.domain'),
          value: query.domain,
          any: t('dashboards.all'),
          options: domains.map((d) => ({ value: d.code, label: localName(locale, d) })),
        },
        unitSelect(t, locale, v.unit?.code, units),
        {
          name: 'stage',
          label: t('dashboards.stage'),
          value: query.stage,
          any: t('dashboards.all'),
          options: (['initiation', 'implementation', 'output', 'change'] as const).map((s) => ({ value: s, label: t(`stages.${s}`) })),
        },
      ]}
    >
      <RiskMatrixCard view={v} extra={extra} exportParams={raw} />
    </HeatmapShell>
  );
}
