import { getTranslations } from 'next-intl/server';
import { levels } from '@/domain/reference/level-codes';
import { bandClass, countBins, noDataClass, noneClass, zeroClass } from './heat-scale';

/** States what every colour means: the level bands with their point ranges, or the count bins. */
export async function HeatLegend({
  mode,
  thresholds,
  showStates = true,
}: {
  mode: 'points' | 'counts';
  thresholds?: { yellow: number; orange: number; red: number };
  showStates?: boolean;
}) {
  const t = await getTranslations();
  const items: { cls: string; label: string }[] = [];
  if (mode === 'points' && thresholds) {
    const ranges = {
      blue: `1–${thresholds.yellow - 1}`,
      yellow: `${thresholds.yellow}–${thresholds.orange - 1}`,
      orange: `${thresholds.orange}–${thresholds.red - 1}`,
      red: `≥ ${thresholds.red}`,
    };
    items.push({ cls: zeroClass, label: '0' });
    for (const l of levels)
      items.push({ cls: bandClass[l], label: t('heatmaps.legend.band', { level: t(`levels.${l}`), range: ranges[l] }) });
  } else {
    countBins.forEach(([min, cls], i) => {
      const next = countBins[i + 1]?.[0];
      items.push({ cls, label: next === undefined ? `≥ ${min}` : next - 1 === min ? String(min) : `${min}–${next - 1}` });
    });
  }
  if (showStates) {
    items.push({ cls: noDataClass, label: t('heatmaps.legend.noData') });
    items.push({ cls: noneClass, label: t('heatmaps.legend.none') });
  }
  return (
    <ul
      className="flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-gray-700"
      aria-label={t('heatmaps.legend.title')}
      data-testid="heat-legend"
    >
      {items.map((i) => (
        <li key={i.label} className="flex items-center gap-1.5">
          <span className={`inline-block h-4 w-6 rounded border border-gray-300 ${i.cls}`} aria-hidden />
          {i.label}
        </li>
      ))}
    </ul>
  );
}
