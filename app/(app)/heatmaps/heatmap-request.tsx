import { getLocale, getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { requireActor } from '@/server/auth/current-actor';
import { dashboardHref, dashboardQuerySchema } from '@/domain/dashboards/filters';
import { toLocale } from '@/domain/i18n/locales';
import { YearOutsideRange, yearOutside } from '@/components/year-outside-range';

/** A heatmap tab's page metadata: its title is the tab's name. */
export function heatmapTabMetadata(tab: 'calendar' | 'dimensions' | 'matrix') {
  return async () => ({ title: (await getTranslations('heatmaps.tabs'))(tab) });
}

export type HeatmapSearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * What every heatmap page starts from: the viewer, the address's filters, the reader's language; and, for
 * a page with a year filter, the page to show instead when the address names a year outside the range.
 */
export async function heatmapRequest(searchParams: HeatmapSearchParams, path: string, hasYear = true) {
  const actor = await requireActor();
  const raw = await searchParams;
  const query = dashboardQuerySchema.parse(raw);
  const t = await getTranslations();
  const given = hasYear ? yearOutside(raw.year) : null;
  const outside =
    given === null ? null : (
      <YearOutsideRange title={t('heatmaps.title')} given={given} hrefFor={(y) => dashboardHref(path, query, { year: y })} />
    );
  const locale = toLocale(await getLocale());
  return { actor, raw, query, t, locale, outside, db: getDb(), now: new Date() };
}
