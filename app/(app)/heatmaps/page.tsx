import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { listDomains } from '@/db/queries/reference';
import { requireActor } from '@/server/auth/current-actor';
import { dashboardHref, dashboardQuerySchema } from '@/domain/dashboards/filters';
import { instituteHeatmapView } from '@/features/dashboards/institute-heatmap-view';
import { branchesInScope } from '@/features/dashboards/institute-rows';
import { localName, toLocale } from '@/domain/i18n/locales';
import { ratedYears } from '@/domain/records/date-range';
import { awaitProvisionalRatings } from '@/features/rating/year-ratings';
import { shanghaiYear } from '@/domain/time/shanghai';
import { levels } from '@/domain/reference/level-codes';
import { PageHeader } from '@/components/page-header';
import { scopeText } from '@/components/scope-text';
import { LevelBadge } from '@/components/level-badge';
import { HeatmapTabs } from '@/components/dashboards/heatmap-tabs';
import { FilterBar } from '@/components/dashboards/filter-bar';
import { HeatLegend } from '@/components/dashboards/heat-legend';
import { noneClass } from '@/components/dashboards/heat-scale';
import { heatCellClass, heatCellHref } from '@/components/dashboards/heat-cell';
import { ChartCard } from '@/components/export/chart-card';
import { ExportXlsxLink } from '@/components/export/export-xlsx-link';
import { YearOutsideRange, yearOutside } from '@/components/year-outside-range';
import { RecomputingNotice } from '@/components/ratings/recomputing-notice';

export async function generateMetadata() {
  return { title: (await getTranslations('heatmaps'))('title') };
}

export const dynamic = 'force-dynamic';

export default async function InstituteHeatmapPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireActor();
  const raw = await searchParams;
  const query = dashboardQuerySchema.parse(raw);
  const t = await getTranslations();
  const outside = yearOutside(raw.year);
  if (outside !== null)
    return <YearOutsideRange title={t('heatmaps.title')} given={outside} hrefFor={(y) => dashboardHref('/heatmaps', query, { year: y })} />;
  const locale = toLocale(await getLocale());
  const db = getDb();
  const now = new Date();
  // Points and levels come from the stored ratings: a re-rating too large for this request runs in the job
  // thread, waited for briefly, never blocking.
  const usesRatings = (query.mode ?? 'points') === 'points' || query.level !== undefined;
  const freshness = usesRatings ? await awaitProvisionalRatings(db, query.year ?? shanghaiYear(now), now) : null;
  const { heatmap, groups, open, year, mode, kind, institutes } = instituteHeatmapView(db, actor, query, now);
  const domains = listDomains(db);
  const domainName = new Map(domains.map((d) => [d.code, localName(locale, d)]));
  const branches = branchesInScope(db, actor.scope);
  const w = heatmap.window;
  const here = (change: Parameters<typeof dashboardHref>[2]) => dashboardHref('/heatmaps', query, change);
  const toggle = (code: string) => {
    const next = new Set(open);
    if (next.has(code)) next.delete(code);
    else next.add(code);
    return here({ open: next.size === groups.length ? 'all' : [...next].join(',') || 'none' });
  };
  const what = mode === 'points' ? t('heatmaps.points') : t(`kinds.${kind}`);

  const cellCtx = { mode, kind, year, window: w };

  return (
    <div>
      <PageHeader
        title={t('heatmaps.title')}
        subtitle={`${await scopeText(actor)} · ${t('heatmaps.window', { from: w.fromDay, to: w.toDay })}`}
      />
      <HeatmapTabs current="institutes" keep={{ year: query.year?.toString(), branch: query.branch }} />
      <RecomputingNotice freshness={freshness} t={t} />
      <FilterBar
        action="/heatmaps"
        hidden={{ sort: query.sort, open: query.open }}
        selects={[
          {
            name: 'year',
            label: t('dashboards.year'),
            value: String(year),
            options: ratedYears(now).map((y) => ({ value: String(y), label: String(y) })),
          },
          ...(branches.length > 1
            ? [
                {
                  name: 'branch',
                  label: t('dashboards.branch'),
                  value: query.branch,
                  any: t('dashboards.all'),
                  options: branches.map((b) => ({ value: b.code, label: localName(locale, b) })),
                },
              ]
            : []),
          {
            name: 'mode',
            label: t('heatmaps.mode'),
            value: mode,
            options: [
              { value: 'points', label: t('heatmaps.points') },
              { value: 'counts', label: t('heatmaps.counts') },
            ],
          },
          // The record kind only chooses what counts show; with points it would do nothing.
          ...(mode === 'counts'
            ? [
                {
                  name: 'kind',
                  label: t('dashboards.kind'),
                  value: kind,
                  options: (['incidents', 'hazards', 'assessments'] as const).map((k) => ({ value: k, label: t(`kinds.${k}`) })),
                },
              ]
            : []),
          {
            name: 'level',
            label: t('dashboards.level'),
            value: query.level,
            any: t('dashboards.all'),
            options: levels.map((l) => ({ value: l, label: t(`levels.${l}`) })),
          },
        ]}
      />
      <ChartCard
        title={t('heatmaps.instituteTitle', { what })}
        subtitle={mode === 'points' ? t('heatmaps.pointsHint') : t('heatmaps.countsHint', { kind: t(`kinds.${kind}`) })}
        fileName={`heatmap-institutes-${year}`}
        testId="heatmap-institutes"
        actions={<ExportXlsxLink table="heatmap-institutes" params={raw} />}
      >
        <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
          <div className="space-y-1">
            <HeatLegend mode={mode} thresholds={heatmap.thresholds} />
            <p className="text-xs text-gray-500">{t('heatmaps.branchRowsHint')}</p>
          </div>
          <div className="flex gap-3 text-xs">
            <Link
              prefetch={false}
              href={here({ sort: query.sort === 'name' ? undefined : 'name' })}
              className="text-blue-700 hover:underline"
              data-testid="sort-toggle"
            >
              {query.sort === 'name' ? t('heatmaps.sortByTotal') : t('heatmaps.sortByName')}
            </Link>
            <Link prefetch={false} href={here({ open: 'all' })} className="text-blue-700 hover:underline">
              {t('heatmaps.expandAll')}
            </Link>
            <Link prefetch={false} href={here({ open: 'none' })} className="text-blue-700 hover:underline">
              {t('heatmaps.collapseAll')}
            </Link>
          </div>
        </div>
        {institutes === 0 ? (
          <p className="rounded-md bg-gray-50 p-8 text-center text-sm text-gray-600" data-testid="heatmap-empty">
            {mode === 'points' && !heatmap.ratingStatus ? t('heatmaps.noRatings', { year }) : t('heatmaps.empty')}
          </p>
        ) : (
          <div className="overflow-x-auto">
            <table className="min-w-full border-separate border-spacing-0.5 text-sm" data-testid="heatmap-table">
              <thead>
                <tr className="text-left text-xs text-gray-600">
                  <th scope="col" className="sticky left-0 bg-white px-2 py-1 font-medium">
                    {t('heatmaps.institute')}
                  </th>
                  {heatmap.domains.map((d) => (
                    <th key={d} scope="col" className="min-w-[4rem] px-1 py-1 text-center font-medium">
                      {domainName.get(d) ?? d}
                    </th>
                  ))}
                  <th scope="col" className="px-2 py-1 text-right font-medium">
                    {t('heatmaps.total')}
                  </th>
                </tr>
              </thead>
              {groups.map((g) => {
                const isOpen = open.has(g.branchCode);
                const branchName = g.branchName
                  ? localName(locale, { name: g.branchName, nameEn: g.branchNameEn })
                  : t('heatmaps.noBranch');
                return (
                  <tbody key={g.branchCode} data-testid="heatmap-group" data-branch={g.branchCode}>
                    <tr className="bg-gray-100 text-gray-800">
                      <th
                        scope="rowgroup"
                        className="sticky left-0 max-w-[15rem] whitespace-nowrap bg-gray-100 px-2 py-1.5 text-left font-semibold"
                      >
                        <Link
                          prefetch={false}
                          href={toggle(g.branchCode)}
                          aria-expanded={isOpen}
                          className="hover:underline"
                          data-testid="group-toggle"
                        >
                          <span aria-hidden>{isOpen ? '▾' : '▸'}</span> {branchName}
                          <span className="ml-1 text-xs font-normal text-gray-500">{t('heatmaps.groupCount', { n: g.rows.length })}</span>
                        </Link>
                      </th>
                      {g.worst.map((c, i) => (
                        <td
                          key={c.domain}
                          className={`rounded px-1 py-1.5 text-center font-semibold tabular-nums ${heatCellClass(mode, c)}`}
                          title={t('heatmaps.branchCell', {
                            domain: domainName.get(c.domain) ?? c.domain,
                            worst: c.value,
                            sum: g.totals[i]!,
                          })}
                          data-testid="branch-cell"
                          data-state={c.state}
                          data-band={c.band}
                        >
                          {c.state === 'none' ? '—' : c.state === 'nodata' ? t('heatmaps.noDataShort') : c.value}
                        </td>
                      ))}
                      <td className="px-2 py-1.5 text-right font-semibold tabular-nums">{g.total}</td>
                    </tr>
                    {isOpen
                      ? g.rows.map((r) => (
                          <tr key={r.institute.id} data-testid="heatmap-row" data-unit={r.institute.code}>
                            <th
                              scope="row"
                              className="sticky left-0 max-w-[15rem] truncate whitespace-nowrap bg-white px-2 py-1 text-left font-normal"
                            >
                              <Link
                                prefetch={false}
                                href={`/units/${encodeURIComponent(r.institute.code)}`}
                                className="text-gray-900 hover:underline"
                              >
                                {localName(locale, r.institute)}
                              </Link>
                              {r.level ? (
                                <span className="ml-2">
                                  <LevelBadge level={r.level} label={t(`levels.${r.level}`)} />
                                </span>
                              ) : null}
                            </th>
                            {r.cells.map((c) => {
                              const label = `${localName(locale, r.institute)} · ${domainName.get(c.domain) ?? c.domain}`;
                              if (c.state === 'none')
                                return (
                                  <td
                                    key={c.domain}
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
                                  : mode === 'points'
                                    ? t('heatmaps.cellPoints', { n: c.value, level: t(`levels.${c.band ?? 'blue'}`) })
                                    : t('heatmaps.cellCount', { n: c.value });
                              return (
                                <td
                                  key={c.domain}
                                  className={`rounded text-center tabular-nums ${heatCellClass(mode, c)}`}
                                  data-state={c.state}
                                  data-domain={c.domain}
                                >
                                  <Link
                                    prefetch={false}
                                    href={heatCellHref(cellCtx, r.institute.code, c)}
                                    className="block px-1 py-1 hover:underline"
                                    title={`${label}: ${text}`}
                                    aria-label={`${label}: ${text}`}
                                    data-testid="heat-cell"
                                  >
                                    {c.state === 'nodata' ? t('heatmaps.noDataShort') : c.value}
                                  </Link>
                                </td>
                              );
                            })}
                            <td className="px-2 py-1 text-right font-medium tabular-nums">{r.total}</td>
                          </tr>
                        ))
                      : null}
                  </tbody>
                );
              })}
            </table>
          </div>
        )}
      </ChartCard>
    </div>
  );
}
