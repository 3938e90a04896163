import type { Db } from '@/db/client';
import { domainDimensionCounts, matrixCounts, monthDomainCounts } from '@/db/dashboards/heatmaps';
import type { CountedKind } from '@/domain/dashboards/types';
import { listDimensions, listDomains } from '@/db/reference/reference';
import { unitInScope } from '@/db/dashboards/unit-profile';
import type { Actor, Scope } from '@/domain/auth/actor';
import type { ExportableTable } from '@/features/dashboards/export-tables';
import type { ExportTable } from '@/platform/spreadsheets/table-xlsx';
import { localName, type Locale } from '@/domain/i18n/locales';
import { translate } from '@/domain/i18n/translate';
import { riskLevel } from '@/domain/reference/risk-matrix';
import type { Level } from '@/domain/reference/level-codes';
import { shanghaiYear } from '@/domain/time/shanghai';
import { dashboardQuerySchema, lastMonths, yearWindow, type DashboardQuery } from '@/domain/dashboards/filters';
import { dataVersion, memo, scopeKey } from '@/features/dashboards/memo';

// The three grid heatmaps (domains × dimensions, the 5×5 matrix, months × domains): each a pure shaping of
// one aggregate, memoised per scope and data version like the institutes heatmap.

/** A unit filter names a unit the caller can see (its subtree is counted), or nothing. */
export async function unitFilter(db: Db, scope: Scope, code: string | undefined): Promise<{ code: string; path: string } | undefined> {
  if (!code) return undefined;
  const unit = await unitInScope(db, scope, code);
  if (!unit) return undefined;
  return { code: unit.code, path: unit.path };
}

export async function dimensionView(db: Db, actor: Actor, query: DashboardQuery, now: Date) {
  const year = query.year ?? shanghaiYear(now);
  const kind: CountedKind = query.kind ?? 'incidents';
  const window = yearWindow(year, now);
  const unit = await unitFilter(db, actor.scope, query.unit ?? query.branch);
  const key = `dimensions|${scopeKey(actor.scope)}|${year}|${kind}|${unit?.code ?? ''}`;
  const counts = await memo(key, await dataVersion(db, now, 'day'), () =>
    domainDimensionCounts(db, actor.scope, kind, window.from, window.to, unit?.path),
  );
  const domains = await listDomains(db);
  const dimensions = await listDimensions(db);
  const at = new Map(counts.map((c) => [`${c.domain}|${c.dimension}`, c.n]));
  const rows = domains.map((d) => {
    const values = dimensions.map((dim) => at.get(`${d.code}|${dim.code}`) ?? 0);
    return { domain: d, values, total: values.reduce((a, b) => a + b, 0) };
  });
  return { year, kind, window, unit, domains, dimensions, rows };
}

export async function matrixView(db: Db, actor: Actor, query: DashboardQuery, now: Date) {
  const year = query.year ?? shanghaiYear(now);
  const window = yearWindow(year, now);
  const unit = await unitFilter(db, actor.scope, query.unit ?? query.branch);
  const key = `matrix|${scopeKey(actor.scope)}|${year}|${query.domain ?? ''}|${query.stage ?? ''}|${unit?.code ?? ''}`;
  const counts = await memo(key, await dataVersion(db, now, 'day'), () =>
    matrixCounts(db, actor.scope, window.from, window.to, { domain: query.domain, stage: query.stage, unitPath: unit?.path }),
  );
  const at = new Map(counts.map((c) => [`${c.likelihood}-${c.impact}`, c.n]));
  // Impact from 5 (top) to 1, likelihood from 1 (left) to 5: the usual orientation of a risk matrix.
  const grid = [5, 4, 3, 2, 1].map((impact) =>
    [1, 2, 3, 4, 5].map((likelihood) => ({
      likelihood,
      impact,
      n: at.get(`${likelihood}-${impact}`) ?? 0,
      level: riskLevel(likelihood * impact) as Level,
    })),
  );
  return { year, window, unit, grid };
}

export async function calendarView(db: Db, actor: Actor, query: DashboardQuery, now: Date) {
  const kind = query.kind === 'hazards' ? 'hazards' : 'incidents';
  const months = lastMonths(now, 24);
  const unit = await unitFilter(db, actor.scope, query.unit ?? query.branch);
  const from = months[0]!.from;
  const to = months[months.length - 1]!.to;
  const key = `calendar|${scopeKey(actor.scope)}|${kind}|${unit?.code ?? ''}|${months[0]!.month}`;
  const counts = await memo(key, await dataVersion(db, now, 'day'), () => monthDomainCounts(db, actor.scope, kind, from, to, unit?.path));
  const at = new Map(counts.map((c) => [`${c.domain}|${c.month}`, c.n]));
  const rows = (await listDomains(db)).map((d) => {
    const values = months.map((m) => at.get(`${d.code}|${m.month}`) ?? 0);
    return { domain: d, values, total: values.reduce((a, b) => a + b, 0) };
  });
  return { kind, months, unit, rows };
}

const params = (p: URLSearchParams) => dashboardQuerySchema.parse(Object.fromEntries(p));
const tr =
  (locale: Locale) =>
  (key: string, values: Record<string, string | number> = {}) =>
    translate(locale, key, values);

export const dimensionExport: ExportableTable = {
  async load(db, actor, p, locale, now): Promise<ExportTable> {
    const t = tr(locale);
    const v = await dimensionView(db, actor, params(p), now);
    return {
      title: t('heatmaps.dimensionExport', { year: v.year, kind: t(`kinds.${v.kind}`) }),
      notes: [t('heatmaps.window', { from: v.window.fromDay, to: v.window.toDay })],
      columns: [
        { header: t('heatmaps.domain'), width: 16 },
        ...v.dimensions.map((d) => ({ header: localName(locale, d) })),
        { header: t('heatmaps.total') },
      ],
      rows: v.rows.map((r) => [localName(locale, r.domain), ...r.values, r.total]),
    };
  },
};

export const matrixExport: ExportableTable = {
  async load(db, actor, p, locale, now): Promise<ExportTable> {
    const t = tr(locale);
    const v = await matrixView(db, actor, params(p), now);
    return {
      title: t('heatmaps.matrixExport', { year: v.year }),
      notes: [t('heatmaps.window', { from: v.window.fromDay, to: v.window.toDay }), t('heatmaps.matrixHint')],
      columns: [
        { header: t('heatmaps.impactLikelihood'), width: 16 },
        ...[1, 2, 3, 4, 5].map((l) => ({ header: t('heatmaps.likelihoodN', { n: l }) })),
      ],
      rows: v.grid.map((row) => [t('heatmaps.impactN', { n: row[0]!.impact }), ...row.map((c) => ({ text: c.n, level: c.level }))]),
    };
  },
};

export const calendarExport: ExportableTable = {
  async load(db, actor, p, locale, now): Promise<ExportTable> {
    const t = tr(locale);
    const v = await calendarView(db, actor, params(p), now);
    return {
      title: t('heatmaps.calendarExport', { kind: t(`kinds.${v.kind}`) }),
      columns: [
        { header: t('heatmaps.domain'), width: 16 },
        ...v.months.map((m) => ({ header: m.month, width: 9 })),
        { header: t('heatmaps.total') },
      ],
      rows: v.rows.map((r) => [localName(locale, r.domain), ...r.values, r.total]),
    };
  },
};
