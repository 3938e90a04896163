import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import type { UnitInDomain } from '@/domain/dashboards/types';
import { recordsHref } from '@/domain/dashboards/drill';
import { localName, toLocale } from '@/domain/i18n/locales';
import { DataTable } from '@/components/data-table';
import { CountLink } from '@/components/dashboards/figure';
import { drillOf, exportParams, type DomainWhere } from './where';
import { DomainSection } from './domain-section';

/** The institutes of the year in this domain, ranked by points; cut at the limit unless all were asked for. */
export async function DomainRanking({
  where,
  ranking,
  allUnits,
  allHref,
}: {
  where: DomainWhere;
  ranking: { rows: UnitInDomain[]; total: number };
  allUnits: boolean;
  /** This page with every unit listed. */
  allHref: string;
}) {
  const t = await getTranslations();
  const { year } = where;
  return (
    <DomainSection
      id="units"
      className="space-y-2"
      head={['units-heading', t('domains.unitsHeading', { year }), t('domains.unitsHint')]}
      table={['domain-units', { ...exportParams(where), units: allUnits ? 'all' : undefined }]}
      empty={[ranking.total, t('domains.unitsEmpty', { year }), 'units-empty']}
    >
      <DataTable
        compact
        testId="domain-units"
        columns={[
          { label: t('domains.rank'), align: 'right' },
          { label: t('domains.unit') },
          { label: t('domains.branch') },
          { label: t('domains.points'), align: 'right' },
          { label: t('domains.incidents'), align: 'right' },
          { label: t('domains.serious'), align: 'right' },
          { label: t('domains.hazards'), align: 'right' },
          { label: t('domains.openMajor'), align: 'right' },
        ]}
      >
        {ranking.rows.map((u, i) => (
          <RankingRow key={u.instituteId} where={where} u={u} rank={i + 1} />
        ))}
      </DataTable>
      {ranking.total > ranking.rows.length ? (
        <p className="text-xs text-gray-600">
          {t('domains.shown', { shown: ranking.rows.length, total: ranking.total })}{' '}
          <Link prefetch={false} href={allHref} className="text-blue-700 hover:underline" data-testid="units-all">
            {t('domains.unitsAll', { total: ranking.total })}
          </Link>
        </p>
      ) : null}
    </DomainSection>
  );
}

async function RankingRow({ where, u, rank }: { where: DomainWhere; u: UnitInDomain; rank: number }) {
  const locale = toLocale(await getLocale());
  const { year } = where;
  const at = { ...drillOf(where), unit: u.code };
  return (
    <tr className="border-t border-gray-100 hover:bg-gray-50" data-unit={u.code}>
      <td className="px-3 py-2 text-right tabular-nums text-gray-500">{rank}</td>
      <td className="px-3 py-2">
        <Link prefetch={false} href={`/units/${encodeURIComponent(u.code)}`} className="text-blue-700 hover:underline">
          {localName(locale, u)}
        </Link>
        <span className="ml-2 font-mono text-xs text-gray-500">{u.code}</span>
      </td>
      <td className="px-3 py-2 text-gray-700">{u.branchCode ? localName(locale, { name: u.branchName, nameEn: u.branchNameEn }) : '—'}</td>
      <td className="px-3 py-2 text-right font-semibold tabular-nums">{u.points}</td>
      <td className="px-3 py-2 text-right">
        <CountLink n={u.incidents} href={recordsHref('incidents', { ...at, year, state: 'current' })} />
      </td>
      <td className="px-3 py-2 text-right">
        <CountLink n={u.serious} strong href={recordsHref('incidents', { ...at, year, state: 'current', tier: 'serious' })} />
      </td>
      <td className="px-3 py-2 text-right">
        <CountLink n={u.hazards} href={recordsHref('hazards', { ...at, year, state: 'current' })} />
      </td>
      <td className="px-3 py-2 text-right">
        <CountLink n={u.openMajor} strong href={recordsHref('hazards', { ...at, severity: 'major', state: 'open' })} />
      </td>
    </tr>
  );
}
