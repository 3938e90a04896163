import { getTranslations } from 'next-intl/server';
import type { Actor } from '@/domain/auth/actor';
import { localName, type Locale } from '@/domain/i18n/locales';
import { ratedYears } from '@/domain/records/date-range';
import { PageHeader } from '@/components/page-header';
import { scopeText } from '@/components/scope-text';
import { HeatmapTabs } from './heatmap-tabs';
import { FilterBar, type FilterSelect } from './filter-bar';

type Translate = Awaited<ReturnType<typeof getTranslations>>;

/**
 * What every heatmap page shows around its grid: the title with the viewer's scope and the window counted,
 * the tabs (keeping the filters that carry over), an optional notice, and the filters as a GET form.
 */
export async function HeatmapShell({
  actor,
  window,
  tab,
  keep,
  action,
  hidden,
  selects,
  notice,
  children,
}: {
  actor: Actor;
  window: { fromDay: string; toDay: string };
  tab: Parameters<typeof HeatmapTabs>[0]['current'];
  keep: Record<string, string | undefined>;
  action: string;
  hidden?: Record<string, string | undefined>;
  selects: FilterSelect[];
  notice?: React.ReactNode;
  children: React.ReactNode;
}) {
  const t = await getTranslations();
  return (
    <div>
      <PageHeader
        title={t('heatmaps.title')}
        subtitle={`${await scopeText(actor)} · ${t('heatmaps.window', { from: window.fromDay, to: window.toDay })}`}
      />
      <HeatmapTabs current={tab} keep={keep} />
      {notice}
      <FilterBar action={action} hidden={hidden} selects={selects} />
      {children}
    </div>
  );
}

// The filters more than one heatmap offers, built the same way everywhere.

export function yearSelect(t: Translate, year: number, now: Date): FilterSelect {
  return {
    name: 'year',
    label: t('dashboards.year'),
    value: String(year),
    options: ratedYears(now).map((y) => ({ value: String(y), label: String(y) })),
  };
}

/** Branches, then their institutes indented under them. */
export function unitSelect(
  t: Translate,
  locale: Locale,
  value: string | undefined,
  choices: { code: string; name: string; nameEn: string | null; kind: 'branch' | 'institute' }[],
): FilterSelect {
  return {
    name: 'unit',
    label: t('dashboards.unit'),
    value,
    any: t('dashboards.all'),
    options: choices.map((u) => ({ value: u.code, label: `${u.kind === 'institute' ? '　' : ''}${localName(locale, u)}` })),
  };
}

export function kindSelect(t: Translate, value: string, kinds: readonly ('incidents' | 'hazards' | 'assessments')[]): FilterSelect {
  return { name: 'kind', label: t('dashboards.kind'), value, options: kinds.map((k) => ({ value: k, label: t(`kinds.${k}`) })) };
}
