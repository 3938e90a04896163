import { getTranslations } from 'next-intl/server';
import { DataTable } from '@/components/data-table';
import { HeadedSection } from '@/components/headed-section';
import { BulletinTrendChart } from '@/components/charts/bulletin-trend-chart';
import type { BulletinView } from '@/domain/bulletins/view';
import { localName, type Locale } from '@/domain/i18n/locales';

/** Incidents and hazards per domain over the six months ending with the bulletin's: a chart, then a table. */
export async function BulletinTrend({ v, locale }: { v: BulletinView; locale: Locale }) {
  const t = await getTranslations();
  const domainLabel = (code: string) => {
    const d = v.domains.find((x) => x.code === code);
    return d ? localName(locale, d) : code;
  };
  const series = v.domains.filter((d) => v.trend.some((m) => (m.counts[d.code] ?? 0) > 0));
  const chartData = v.trend.map((m) => ({ month: m.month, ...Object.fromEntries(series.map((d) => [d.code, m.counts[d.code] ?? 0])) }));
  return (
    <HeadedSection
      head={['b-trend', t('bulletins.trendSection'), t('bulletins.trendNote')]}
      classes={['mb-1 text-lg font-semibold text-gray-900', 'mb-2 text-sm text-gray-500']}
    >
      {series.length === 0 ? (
        <p className="text-sm text-gray-500">{t('bulletins.noTrend')}</p>
      ) : (
        <div className="space-y-3 rounded-lg border border-gray-200 bg-white p-4">
          <BulletinTrendChart
            data={chartData}
            series={series.map((d) => ({ code: d.code, label: domainLabel(d.code) }))}
            label={t('bulletins.trendSection')}
          />
          <DataTable
            compact
            testId="bulletin-trend"
            columns={[{ label: t('bulletins.domain') }, ...v.trendMonths.map((m) => ({ label: m, align: 'right' as const }))]}
          >
            {series.map((d) => (
              <tr key={d.code} className="border-t border-gray-100">
                <td className="px-3 py-2">{domainLabel(d.code)}</td>
                {v.trend.map((m) => (
                  <td key={m.month} className="px-3 py-2 text-right tabular-nums">
                    {m.counts[d.code] ?? 0}
                  </td>
                ))}
              </tr>
            ))}
          </DataTable>
        </div>
      )}
    </HeadedSection>
  );
}
