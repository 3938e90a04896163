import type { Db } from '@/db/client';
import { listDomains } from '@/db/reference/reference';
import type { Actor } from '@/domain/auth/actor';
import type { ExportTable } from '@/platform/spreadsheets/table-xlsx';
import type { ExportableTable } from '@/features/dashboards/export-tables';
import { localName, type Locale } from '@/domain/i18n/locales';
import { translate } from '@/domain/i18n/translate';
import { shanghaiYear } from '@/domain/time/shanghai';
import { dashboardQuerySchema, type DashboardQuery } from '@/domain/dashboards/filters';
import { instituteDomainHeatmap, sortHeatmap } from '@/features/dashboards/institute-heatmap';
import type { HeatGroup, InstituteHeatmap } from '@/domain/dashboards/types';

/** The institutes × domains view a query asks for: the heatmap, its groups sorted, and which are open. */
export async function instituteHeatmapView(db: Db, actor: Actor, query: DashboardQuery, now: Date) {
  const year = query.year ?? shanghaiYear(now);
  const mode = query.mode ?? 'points';
  const kind = query.kind ?? 'incidents';
  const heatmap = await instituteDomainHeatmap(db, actor.scope, { year, mode, kind, branch: query.branch, level: query.level }, now);
  const groups = sortHeatmap(heatmap.groups, query.sort ?? 'total');
  const institutes = groups.reduce((n, g) => n + g.rows.length, 0);
  // Open by default while the whole table stays short; at academy scale the branch rows come first.
  const open =
    query.open === 'all' || (query.open === undefined && institutes <= 80)
      ? new Set(groups.map((g) => g.branchCode))
      : new Set((query.open ?? '').split(',').filter(Boolean));
  return { heatmap, groups, open, year, mode, kind, institutes };
}

/** The same rows as XLSX: one line per institute with its branch, values, "no data" in words. */
export const instituteHeatmapExport: ExportableTable = {
  async load(db, actor, params, locale, now) {
    const query = dashboardQuerySchema.parse(Object.fromEntries(params));
    const { heatmap, groups } = await instituteHeatmapView(db, actor, query, now);
    return heatmapTable(db, heatmap, groups, locale);
  },
};

async function heatmapTable(db: Db, heatmap: InstituteHeatmap, groups: HeatGroup[], locale: Locale): Promise<ExportTable> {
  const t = (key: string, params: Record<string, string | number> = {}) => translate(locale, key, params);
  const domainNames = new Map((await listDomains(db)).map((d) => [d.code, localName(locale, d)]));
  const what = heatmap.mode === 'points' ? t('heatmaps.points') : t(`kinds.${heatmap.kind}`);
  return {
    title: t('heatmaps.exportTitle', { year: heatmap.window.year, what }),
    notes: [t('heatmaps.window', { from: heatmap.window.fromDay, to: heatmap.window.toDay }), t('heatmaps.exportNote')],
    columns: [
      { header: t('heatmaps.branch'), width: 16 },
      { header: t('heatmaps.unitCode'), width: 12 },
      { header: t('heatmaps.institute'), width: 28 },
      ...heatmap.domains.map((d) => ({ header: domainNames.get(d) ?? d, width: 12 })),
      { header: t('heatmaps.total'), width: 10 },
    ],
    rows: groups.flatMap((g) =>
      g.rows.map((r) => [
        localName(locale, { name: g.branchName, nameEn: g.branchNameEn }),
        r.institute.code,
        localName(locale, r.institute),
        ...r.cells.map((c) =>
          c.state === 'nodata'
            ? t('heatmaps.legend.noData')
            : c.state === 'none'
              ? ''
              : c.band
                ? { text: c.value, level: c.band }
                : c.value,
        ),
        r.total,
      ]),
    ),
  };
}
