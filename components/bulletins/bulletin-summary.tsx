import { getTranslations } from 'next-intl/server';
import { LevelBadge } from '@/components/level-badge';
import type { BulletinView } from '@/domain/bulletins/view';
import type { Locale } from '@/domain/i18n/locales';
import { levels } from '@/domain/reference/level-codes';

/** The month's totals in the viewer's scope: incidents, hazards, overdue hazards, changes, levels, alerts. */
export async function BulletinSummary({ v, locale }: { v: BulletinView; locale: Locale }) {
  const t = await getTranslations();
  const sep = locale === 'en' ? ', ' : '，';
  const tot = v.totals;
  const summary: { label: string; value: string; testId: string }[] = [
    {
      label: t('bulletins.incidentsTotal'),
      value: `${tot.incidents}${locale === 'en' ? ' — ' : '：'}${(['1', '2', '3', '4'] as const)
        .map((k, i) => `${t(`tiersShort.${k}`)} ${tot.incidentsByTier[i]}`)
        .join(sep)}`,
      testId: 'sum-incidents',
    },
    {
      label: t('bulletins.hazardsTotal'),
      value: `${t('severity.major')} ${tot.hazards.major}${sep}${t('severity.general')} ${tot.hazards.general}`,
      testId: 'sum-hazards',
    },
    {
      label: t('bulletins.overdueTotal'),
      value: `${t('severity.major')} ${tot.overdueAtEnd.major}${sep}${t('severity.general')} ${tot.overdueAtEnd.general}`,
      testId: 'sum-overdue',
    },
    { label: t('bulletins.changes'), value: t('bulletins.changesValue', { rose: tot.rose, fell: tot.fell }), testId: 'sum-changes' },
  ];
  const byLevel = (label: string, n: Record<(typeof levels)[number], number>) => (
    <div className="rounded-lg border border-gray-200 bg-white p-3">
      <dt className="text-xs text-gray-500">{label}</dt>
      <dd className="mt-1 flex flex-wrap gap-2">
        {levels.map((l) => (
          <LevelBadge key={l} level={l} label={t(`levels.${l}`)} detail={String(n[l])} />
        ))}
      </dd>
    </div>
  );
  return (
    <section aria-labelledby="b-summary">
      <h2 id="b-summary" className="mb-2 text-lg font-semibold text-gray-900">
        {t('bulletins.summary')}
      </h2>
      <dl className="grid gap-3 sm:grid-cols-2">
        {summary.map((s) => (
          <div key={s.testId} className="rounded-lg border border-gray-200 bg-white p-3" data-testid={s.testId}>
            <dt className="text-xs text-gray-500">{s.label}</dt>
            <dd className="mt-1 text-sm font-medium text-gray-900">{s.value}</dd>
          </div>
        ))}
        {byLevel(t('bulletins.levelsAtEnd'), tot.levelsAtEnd)}
        {byLevel(t('bulletins.alertsTotal'), tot.alertsByColour)}
      </dl>
    </section>
  );
}
