import { getTranslations } from 'next-intl/server';
import type { Level } from '@/domain/reference/level-codes';
import { defaultRiskBands } from '@/domain/reference/risk-matrix';
import { ChartCard } from '@/components/export/chart-card';
import { ExportXlsxLink } from '@/components/export/export-xlsx-link';
import { HeatGrid } from './heat-grid';
import { bandClass } from './heat-scale';

interface MatrixView {
  year: number;
  window: { fromDay: string; toDay: string };
  grid: { likelihood: number; impact: number; n: number; level: Level }[][];
}

/** The 5×5 risk matrix with its bands' legend; each cell opens the assessments rated there. */
export async function RiskMatrixCard({
  view,
  extra,
  exportParams,
}: {
  view: MatrixView;
  /** The page's other filters, as `&name=value` for the cells' links. */
  extra: string;
  exportParams: Record<string, string | string[] | undefined>;
}) {
  const t = await getTranslations();
  const w = view.window;
  const total = view.grid.flat().reduce((s, c) => s + c.n, 0);
  return (
    <ChartCard
      title={t('heatmaps.matrixTitle')}
      subtitle={t('heatmaps.matrixHint')}
      fileName={`risk-matrix-${view.year}`}
      testId="heatmap-matrix"
      actions={<ExportXlsxLink table="heatmap-matrix" params={exportParams} />}
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
          rows={view.grid.map((row) => ({
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
  );
}
