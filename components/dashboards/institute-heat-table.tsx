import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import type { HeatCell, HeatGroup, HeatRow, InstituteHeatmap } from '@/domain/dashboards/types';
import { localName, toLocale } from '@/domain/i18n/locales';
import { LevelBadge } from '@/components/level-badge';
import { sameClass, TableHead, type HeadCell } from '@/components/table-head';
import { noneClass } from './heat-scale';
import { heatCellClass, heatCellHref, type HeatCellContext } from './heat-cell';

interface TableContext {
  ctx: HeatCellContext;
  domainName: Map<string, string>;
}

/**
 * Institutes × domains, grouped by branch academy: each group's row shows its worst cell per domain and
 * opens or closes by a link (no script), its institutes' rows show their cells, each opening what it counts.
 */
export async function InstituteHeatTable({
  heatmap,
  groups,
  open,
  year,
  domainName,
  toggle,
}: {
  heatmap: InstituteHeatmap;
  groups: HeatGroup[];
  open: Set<string>;
  year: number;
  domainName: Map<string, string>;
  /** This page with one group opened or closed. */
  toggle: (branchCode: string) => string;
}) {
  const t = await getTranslations();
  const table: TableContext = { ctx: { mode: heatmap.mode, kind: heatmap.kind, year, window: heatmap.window }, domainName };
  const head: HeadCell[] = [
    [t('heatmaps.institute'), 'sticky left-0 bg-white px-2 py-1 font-medium'],
    ...sameClass(
      heatmap.domains.map((d) => domainName.get(d) ?? d),
      'min-w-[4rem] px-1 py-1 text-center font-medium',
    ),
    [t('heatmaps.total'), 'px-2 py-1 text-right font-medium'],
  ];
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full border-separate border-spacing-0.5 text-sm" data-testid="heatmap-table">
        <TableHead row="text-left text-xs text-gray-600" cells={head} />
        {groups.map((g) => (
          <Group key={g.branchCode} g={g} isOpen={open.has(g.branchCode)} toggleHref={toggle(g.branchCode)} table={table} />
        ))}
      </table>
    </div>
  );
}

/** Above the table: the legend, and the links that sort it and open or close every group. */
export async function HeatTableControls({
  legend,
  sortHref,
  sortedByName,
  expandHref,
  collapseHref,
}: {
  legend: React.ReactNode;
  sortHref: string;
  sortedByName: boolean;
  expandHref: string;
  collapseHref: string;
}) {
  const t = await getTranslations();
  return (
    <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
      <div className="space-y-1">
        {legend}
        <p className="text-xs text-gray-500">{t('heatmaps.branchRowsHint')}</p>
      </div>
      <div className="flex gap-3 text-xs">
        <Link prefetch={false} href={sortHref} className="text-blue-700 hover:underline" data-testid="sort-toggle">
          {sortedByName ? t('heatmaps.sortByTotal') : t('heatmaps.sortByName')}
        </Link>
        <Link prefetch={false} href={expandHref} className="text-blue-700 hover:underline">
          {t('heatmaps.expandAll')}
        </Link>
        <Link prefetch={false} href={collapseHref} className="text-blue-700 hover:underline">
          {t('heatmaps.collapseAll')}
        </Link>
      </div>
    </div>
  );
}

async function Group({ g, isOpen, toggleHref, table }: { g: HeatGroup; isOpen: boolean; toggleHref: string; table: TableContext }) {
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  const { domainName } = table;
  const branchName = g.branchName ? localName(locale, { name: g.branchName, nameEn: g.branchNameEn }) : t('heatmaps.noBranch');
  return (
    <tbody data-testid="heatmap-group" data-branch={g.branchCode}>
      <tr className="bg-gray-100 text-gray-800">
        <th scope="rowgroup" className="sticky left-0 max-w-[15rem] whitespace-nowrap bg-gray-100 px-2 py-1.5 text-left font-semibold">
          <Link prefetch={false} href={toggleHref} aria-expanded={isOpen} className="hover:underline" data-testid="group-toggle">
            <span aria-hidden>{isOpen ? '▾' : '▸'}</span> {branchName}
            <span className="ml-1 text-xs font-normal text-gray-500">{t('heatmaps.groupCount', { n: g.rows.length })}</span>
          </Link>
        </th>
        {g.worst.map((c, i) => (
          <td
            key={c.domain}
            className={`rounded px-1 py-1.5 text-center font-semibold tabular-nums ${heatCellClass(table.ctx.mode, c)}`}
            title={t('heatmaps.branchCell', { domain: domainName.get(c.domain) ?? c.domain, worst: c.value, sum: g.totals[i]! })}
            data-testid="branch-cell"
            data-state={c.state}
            data-band={c.band}
          >
            {c.state === 'none' ? '—' : c.state === 'nodata' ? t('heatmaps.noDataShort') : c.value}
          </td>
        ))}
        <td className="px-2 py-1.5 text-right font-semibold tabular-nums">{g.total}</td>
      </tr>
      {isOpen ? g.rows.map((r) => <InstituteRow key={r.institute.id} r={r} table={table} />) : null}
    </tbody>
  );
}

async function InstituteRow({ r, table }: { r: HeatRow; table: TableContext }) {
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  return (
    <tr data-testid="heatmap-row" data-unit={r.institute.code}>
      <th scope="row" className="sticky left-0 max-w-[15rem] truncate whitespace-nowrap bg-white px-2 py-1 text-left font-normal">
        <Link prefetch={false} href={`/units/${encodeURIComponent(r.institute.code)}`} className="text-gray-900 hover:underline">
          {localName(locale, r.institute)}
        </Link>
        {r.level ? (
          <span className="ml-2">
            <LevelBadge level={r.level} label={t(`levels.${r.level}`)} />
          </span>
        ) : null}
      </th>
      {r.cells.map((c) => (
        <InstituteCell key={c.domain} c={c} unitCode={r.institute.code} rowLabel={localName(locale, r.institute)} table={table} />
      ))}
      <td className="px-2 py-1 text-right font-medium tabular-nums">{r.total}</td>
    </tr>
  );
}

async function InstituteCell({ c, unitCode, rowLabel, table }: { c: HeatCell; unitCode: string; rowLabel: string; table: TableContext }) {
  const t = await getTranslations();
  const { ctx, domainName } = table;
  const label = `${rowLabel} · ${domainName.get(c.domain) ?? c.domain}`;
  if (c.state === 'none')
    return (
      <td
        className={`rounded px-1 py-1 text-center ${noneClass}`}
        title={`${label}: ${t('heatmaps.legend.none')}`}
        data-state="none"
        data-domain={c.domain}
      >
        —
      </td>
    );
  const text =
    c.state === 'nodata'
      ? t('heatmaps.legend.noData')
      : ctx.mode === 'points'
        ? t('heatmaps.cellPoints', { n: c.value, level: t(`levels.${c.band ?? 'blue'}`) })
        : t('heatmaps.cellCount', { n: c.value });
  return (
    <td className={`rounded text-center tabular-nums ${heatCellClass(ctx.mode, c)}`} data-state={c.state} data-domain={c.domain}>
      <Link
        prefetch={false}
        href={heatCellHref(ctx, unitCode, c)}
        className="block px-1 py-1 hover:underline"
        title={`${label}: ${text}`}
        aria-label={`${label}: ${text}`}
        data-testid="heat-cell"
      >
        {c.state === 'nodata' ? t('heatmaps.noDataShort') : c.value}
      </Link>
    </td>
  );
}
