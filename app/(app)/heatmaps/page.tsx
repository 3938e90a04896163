import { getTranslations } from 'next-intl/server';
import { listDomains } from '@/db/reference/reference';
import { dashboardHref } from '@/domain/dashboards/filters';
import { instituteHeatmapView } from '@/features/dashboards/institute-heatmap-view';
import { branchesInScope } from '@/features/dashboards/institute-rows';
import { localName } from '@/domain/i18n/locales';
import { awaitProvisionalRatings } from '@/features/rating/year-ratings';
import { shanghaiYear } from '@/domain/time/shanghai';
import { HeatmapShell } from '@/components/dashboards/heatmap-shell';
import { instituteFilters } from '@/components/dashboards/institute-filters';
import { HeatTableControls, InstituteHeatTable } from '@/components/dashboards/institute-heat-table';
import { HeatLegend } from '@/components/dashboards/heat-legend';
import { ChartCard } from '@/components/export/chart-card';
import { ExportXlsxLink } from '@/components/export/export-xlsx-link';
import { RecomputingNotice } from '@/components/ratings/recomputing-notice';
import { heatmapRequest, type HeatmapSearchParams } from './heatmap-request';

export async function generateMetadata() {
  return { title: (await getTranslations('heatmaps'))('title') };
}

export const dynamic = 'force-dynamic';

export default async function InstituteHeatmapPage({ searchParams }: { searchParams: HeatmapSearchParams }) {
  const { actor, raw, query, t, locale, outside, db, now } = await heatmapRequest(searchParams, '/heatmaps');
  if (outside) return outside;
  // Points and levels come from the stored ratings: a re-rating too large for this request runs in the job
  // thread, waited for briefly, never blocking.
  const usesRatings = (query.mode ?? 'points') === 'points' || query.level !== undefined;
  const freshness = usesRatings ? await awaitProvisionalRatings(db, query.year ?? shanghaiYear(now), now) : null;
  const { heatmap, groups, open, year, mode, kind, institutes } = await instituteHeatmapView(db, actor, query, now);
  const domains = await listDomains(db);
  const domainName = new Map(domains.map((d) => [d.code, localName(locale, d)]));
  const branches = await branchesInScope(db, actor.scope);
  const w = heatmap.window;
  const here = (change: Parameters<typeof dashboardHref>[2]) => dashboardHref('/heatmaps', query, change);
  const toggle = (code: string) => {
    const next = new Set(open);
    if (next.has(code)) next.delete(code);
    else next.add(code);
    return here({ open: next.size === groups.length ? 'all' : [...next].join(',') || 'none' });
  };
  const what = mode === 'points' ? t('heatmaps.points') : t(`kinds.${kind}`);

  return (
    <HeatmapShell
      actor={actor}
      window={w}
      tab="institutes"
      keep={{ year: query.year?.toString(), branch: query.branch }}
      notice={<RecomputingNotice freshness={freshness} t={t} />}
      action="/heatmaps"
      hidden={{ sort: query.sort, open: query.open }}
      selects={instituteFilters(t, locale, { year, mode, kind, branch: query.branch, level: query.level, branches, now })}
    >
      <ChartCard
        title={t('heatmaps.instituteTitle', { what })}
        subtitle={mode === 'points' ? t('heatmaps.pointsHint') : t('heatmaps.countsHint', { kind: t(`kinds.${kind}`) })}
        fileName={`heatmap-institutes-${year}`}
        testId="heatmap-institutes"
        actions={<ExportXlsxLink table="heatmap-institutes" params={raw} />}
      >
        <HeatTableControls
          legend={<HeatLegend mode={mode} thresholds={heatmap.thresholds} />}
          sortHref={here({ sort: query.sort === 'name' ? undefined : 'name' })}
          sortedByName={query.sort === 'name'}
          expandHref={here({ open: 'all' })}
          collapseHref={here({ open: 'none' })}
        />
        {/* Points of a year not rated yet would read as zero, "safe": it says so instead (decision 045). */}
        {institutes === 0 || (mode === 'points' && !heatmap.ratingStatus) ? (
          <p className="rounded-md bg-gray-50 p-8 text-center text-sm text-gray-600" data-testid="heatmap-empty">
            {mode === 'points' && !heatmap.ratingStatus ? t('heatmaps.noRatings', { year }) : t('heatmaps.empty')}
          </p>
        ) : (
          <InstituteHeatTable heatmap={heatmap} groups={groups} open={open} year={year} domainName={domainName} toggle={toggle} />
        )}
      </ChartCard>
    </HeatmapShell>
  );
}
