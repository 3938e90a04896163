import Link from 'next/link';
import { Card, Metric, Text, Title } from '@tremor/react';
import { getLocale, getTranslations } from 'next-intl/server';
import type { FiguresView } from '@/features/dashboards/views/overview';
import { localName, toLocale } from '@/domain/i18n/locales';

import { IncidentsByDomainChart } from '@/components/charts/incidents-by-domain-chart';
import { sameClass, TableHead } from '@/components/table-head';

const tiers = [1, 2, 3, 4] as const;

interface DomainRow {
  code: string;
  name: string;
  counts: number[];
  total: number;
}

/** The figures the overview always had: key numbers, incidents by domain and tier, counts by kind. */
export async function FiguresCard({ view: pending }: { view: Promise<FiguresView> }) {
  const view = await pending;
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  const byDomain: DomainRow[] = view.domains
    .map((d) => {
      const counts = tiers.map((tier) => view.cells.find((c) => c.domain === d.code && c.tier === tier)?.n ?? 0);
      return { code: d.code, name: localName(locale, d), counts, total: counts.reduce((a, b) => a + b, 0) };
    })
    .filter((d) => d.total > 0);
  const incidentTotal = byDomain.reduce((s, d) => s + d.total, 0);
  const serious = byDomain.reduce((s, d) => s + d.counts[0]! + d.counts[1]! + d.counts[2]!, 0);

  return (
    <div className="space-y-6">
      <section className="grid grid-cols-2 gap-4 lg:grid-cols-5" aria-label={t('overview.title')}>
        <Kpi label={t('overview.kpiInstitutes')} value={view.institutes} testId="kpi-institutes" />
        <Kpi label={t('overview.kpiIncidents')} value={incidentTotal} testId="kpi-incidents" />
        <Kpi label={t('overview.kpiSerious')} value={serious} testId="kpi-serious" accent="text-orange-700" />
        <Kpi label={t('overview.kpiOpenHazards')} value={view.rectification.open} testId="kpi-open-hazards" />
        <Kpi
          label={t('overview.kpiOverdue')}
          value={view.rectification.overdue}
          testId="kpi-overdue"
          accent="text-red-700"
          note={t('overview.kpiOverdueMajor', { n: view.rectification.majorOverdue })}
        />
      </section>

      <IncidentsByDomain byDomain={byDomain} />

      <Counts view={view} />
    </div>
  );
}

/** Incidents this year by domain and tier: a stacked chart and the same figures as a table. */
async function IncidentsByDomain({ byDomain }: { byDomain: DomainRow[] }) {
  const t = await getTranslations();
  const tierLabel = (tier: number) => t(`tiers.${tier}` as 'tiers.1');
  const chartData = byDomain.map((d) => ({
    domain: d.name,
    ...Object.fromEntries(tiers.map((tier, i) => [tierLabel(tier), d.counts[i]!])),
  }));
  return (
    <Card>
      <Title>{t('overview.incidentsByDomain')}</Title>
      <Text>{t('overview.incidentsByDomainHint')}</Text>
      {byDomain.length === 0 ? (
        <p className="mt-6 rounded-md bg-gray-50 p-6 text-center text-sm text-gray-500">{t('overview.noIncidents')}</p>
      ) : (
        <>
          <div className="mt-4">
            <IncidentsByDomainChart data={chartData} tierLabels={tiers.map(tierLabel)} />
          </div>
          <div className="mt-4 overflow-x-auto">
            <table className="min-w-full text-sm" data-testid="incidents-by-domain">
              <TableHead
                row="border-b border-gray-200 text-left text-gray-600"
                cells={[
                  [t('overview.domain'), 'py-2 pr-4 font-medium'],
                  ...sameClass([...tiers.map(tierLabel), t('overview.total')], 'px-3 py-2 text-right font-medium'),
                ]}
              />
              <tbody>
                {byDomain.map((d) => (
                  <tr key={d.code} className="border-b border-gray-100" data-domain={d.code}>
                    <th scope="row" className="py-2 pr-4 text-left font-normal">
                      {d.name}
                    </th>
                    {d.counts.map((n, i) => (
                      <td key={i} className="px-3 py-2 text-right tabular-nums">
                        {n}
                      </td>
                    ))}
                    <td className="px-3 py-2 text-right font-semibold tabular-nums">{d.total}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </Card>
  );
}

/** Records by kind (each linking to its list) and units by kind. */
async function Counts({ view }: { view: FiguresView }) {
  const t = await getTranslations();
  const records = view.records.map(({ kind, n }) => ({
    kind,
    n,
    label: (
      <Link prefetch={false} href={`/records/${kind}`} className="text-blue-700 hover:underline">
        {t(`kinds.${kind}`)}
      </Link>
    ),
  }));
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <CountsByKind title={t('overview.recordsByKind')} testId="records-by-kind" rows={records} />
      <CountsByKind
        title={t('overview.unitsByKind')}
        testId="units-by-kind"
        rows={view.units.map(({ kind, n }) => ({ kind, n, label: t(`unitKinds.${kind}`) }))}
      />
    </div>
  );
}

/** A card with one count per kind. */
function CountsByKind({
  title,
  testId,
  rows,
}: {
  title: string;
  testId: string;
  rows: { kind: string; n: number; label: React.ReactNode }[];
}) {
  return (
    <Card>
      <Title>{title}</Title>
      <table className="mt-3 min-w-full text-sm" data-testid={testId}>
        <tbody>
          {rows.map(({ kind, n, label }) => (
            <tr key={kind} className="border-b border-gray-100" data-kind={kind}>
              <th scope="row" className="py-2 text-left font-normal">
                {label}
              </th>
              <td className="py-2 text-right tabular-nums">{n}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}

function Kpi({ label, value, testId, accent, note }: { label: string; value: number; testId: string; accent?: string; note?: string }) {
  return (
    <Card className="p-4" data-testid={testId}>
      <Text>{label}</Text>
      <Metric className={value > 0 ? accent : undefined}>{value.toLocaleString('en-US')}</Metric>
      {note ? <Text className="mt-1 text-xs">{note}</Text> : null}
    </Card>
  );
}
