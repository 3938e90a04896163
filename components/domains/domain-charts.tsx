import { getTranslations } from 'next-intl/server';
import { recordsHref } from '@/domain/dashboards/drill';
import { levels, type Level } from '@/domain/reference/level-codes';
import type { TrendPoint } from '@/features/dashboards/domain-view';
import { ChartCard } from '@/components/export/chart-card';
import { ExportXlsxLink } from '@/components/export/export-xlsx-link';
import { DomainTrendChart } from '@/components/charts/domain-trend-chart';
import { LevelBars } from '@/components/dashboards/level-bars';
import { drillOf, exportParams, type DomainWhere } from './where';

/** Incidents and hazards of the domain per month, as a chart that exports to PNG. */
export async function DomainTrendCard({ where, name, trend }: { where: DomainWhere; name: string; trend: TrendPoint[] }) {
  const t = await getTranslations();
  const series: [string, string] = [t('domains.seriesIncidents'), t('domains.seriesHazards')];
  const data = trend.map((p) => ({ month: p.month, [series[0]]: p.incidents, [series[1]]: p.hazards }));
  return (
    <ChartCard
      title={t('domains.trendTitle', { domain: name })}
      subtitle={t('domains.trendHint', { from: trend[0]?.month ?? '', to: trend[trend.length - 1]?.month ?? '' })}
      fileName={`${where.domain}-trend-${where.year}`}
      testId="trend-card"
    >
      {trend.every((p) => p.incidents + p.hazards === 0) ? (
        <p className="rounded-md bg-gray-50 p-6 text-center text-sm text-gray-500">{t('domains.trendEmpty')}</p>
      ) : (
        <DomainTrendChart data={data} series={series} />
      )}
    </ChartCard>
  );
}

/** The risk levels of the domain's approved assessments of the year, each bar opening its assessments. */
export async function DomainLevelsCard({ where, mix }: { where: DomainWhere; mix: Record<Level, number> }) {
  const t = await getTranslations();
  const { year } = where;
  return (
    <ChartCard
      title={t('domains.levelsTitle', { year })}
      subtitle={t('domains.levelsHint')}
      fileName={`${where.domain}-levels-${year}`}
      testId="levels-card"
      actions={<ExportXlsxLink table="domain-levels" params={exportParams(where)} />}
    >
      {levels.every((l) => mix[l] === 0) ? (
        <p className="rounded-md bg-gray-50 p-6 text-center text-sm text-gray-500" data-testid="levels-empty">
          {t('domains.levelsEmpty', { year })}
        </p>
      ) : (
        <div className="max-w-xl">
          <LevelBars
            counts={mix}
            labels={Object.fromEntries(levels.map((l) => [l, t(`levels.${l}`)])) as Record<Level, string>}
            hrefFor={(level) => recordsHref('assessments', { ...drillOf(where), year, status: 'approved', level })}
            testId="level-mix"
          />
        </div>
      )}
    </ChartCard>
  );
}
