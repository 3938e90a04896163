import type { getTranslations } from 'next-intl/server';
import type { CountedKind } from '@/domain/dashboards/types';
import { localName, type Locale } from '@/domain/i18n/locales';
import { levels, type Level } from '@/domain/reference/level-codes';
import type { FilterSelect } from './filter-bar';
import { kindSelect, yearSelect } from './heatmap-shell';

/** The institutes heatmap's filters: year, branch (when there is a choice), mode, kind (counts only), level. */
export function instituteFilters(
  t: Awaited<ReturnType<typeof getTranslations>>,
  locale: Locale,
  q: {
    year: number;
    mode: 'points' | 'counts';
    kind: CountedKind;
    branch?: string;
    level?: Level;
    branches: { code: string; name: string; nameEn: string | null }[];
    now: Date;
  },
): FilterSelect[] {
  return [
    yearSelect(t, q.year, q.now),
    ...(q.branches.length > 1
      ? [
          {
            name: 'branch',
            label: t('dashboards.branch'),
            value: q.branch,
            any: t('dashboards.all'),
            options: q.branches.map((b) => ({ value: b.code, label: localName(locale, b) })),
          },
        ]
      : []),
    {
      name: 'mode',
      label: t('heatmaps.mode'),
      value: q.mode,
      options: [
        { value: 'points', label: t('heatmaps.points') },
        { value: 'counts', label: t('heatmaps.counts') },
      ],
    },
    // The record kind only chooses what counts show; with points it would do nothing.
    ...(q.mode === 'counts' ? [kindSelect(t, q.kind, ['incidents', 'hazards', 'assessments'])] : []),
    {
      name: 'level',
      label: t('dashboards.level'),
      value: q.level,
      any: t('dashboards.all'),
      options: levels.map((l) => ({ value: l, label: t(`levels.${l}`) })),
    },
  ];
}
