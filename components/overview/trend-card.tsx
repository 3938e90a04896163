import { getLocale, getTranslations } from 'next-intl/server';
import type { TrendView } from '@/features/dashboards/views/overview';
import { localName, toLocale } from '@/domain/i18n/locales';
import { domainColour, restColour } from '@/domain/reference/domain-colours';
import { ChartCard } from '@/components/export/chart-card';
import { TrendByDomainChart } from '@/components/charts/trend-by-domain-chart';
import { TrendTable } from './trend-table';

const SHOWN = 5;

/** Incidents and hazards per month over the last year, stacked by domain: the five busiest, then the rest. */
export async function TrendCard({ view }: { view: Promise<TrendView> }) {
  const { trend, domains } = await view;
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  const names = new Map(domains.map((d) => [d.code, localName(locale, d)]));
  const totals = new Map<string, number>();
  for (const r of [...trend.incidents, ...trend.hazards]) totals.set(r.domain, (totals.get(r.domain) ?? 0) + r.n);
  const top = [...totals.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, SHOWN)
    .map(([d]) => d);
  const other = t('overview.trend.other');
  const categories = [...top.map((d) => names.get(d) ?? d), ...(totals.size > SHOWN ? [other] : [])];
  const colours = [...top.map((d, i) => domainColour(d, i)), ...(totals.size > SHOWN ? [restColour] : [])];
  const data = trend.months.map((m) => {
    const row: Record<string, string | number> = { month: m.month };
    for (const c of categories) row[c] = 0;
    for (const r of [...trend.incidents, ...trend.hazards]) {
      if (r.month !== m.month) continue;
      const key = top.includes(r.domain) ? (names.get(r.domain) ?? r.domain) : other;
      row[key] = Number(row[key] ?? 0) + r.n;
    }
    return row;
  });
  return (
    <ChartCard title={t('overview.trend.title')} subtitle={t('overview.trend.hint')} fileName="trend-by-domain" testId="card-trend">
      {totals.size === 0 ? (
        <p className="rounded-md bg-gray-50 p-6 text-center text-sm text-gray-500">{t('overview.trend.none')}</p>
      ) : (
        <>
          <div
            role="img"
            aria-label={t('overview.trend.chartLabel', { from: trend.months[0]?.month ?? '', to: trend.months.at(-1)?.month ?? '' })}
            aria-describedby="trend-table"
            data-testid="trend-chart"
          >
            <TrendByDomainChart data={data} domains={categories} colours={colours} />
          </div>
          <TrendTable
            id="trend-table"
            summary={t('overview.trend.showTable')}
            caption={t('overview.trend.tableCaption')}
            monthLabel={t('overview.trend.month')}
            totalLabel={t('overview.trend.total')}
            categories={categories}
            rows={data}
          />
        </>
      )}
    </ChartCard>
  );
}
