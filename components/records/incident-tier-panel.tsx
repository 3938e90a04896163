'use client';

import { useTranslations } from 'next-intl';
import { effectiveTier, impliedTier, tierRules, type TierThresholds } from '@/domain/incidents/effective-tier';
import { isTier, reportTiming } from '@/domain/incidents/report-timing';
import type { FigureHit } from '@/domain/rating/types';
import { formatDateTime } from '@/domain/time/shanghai';

const count = (text: string | undefined) => (text && /^\d+$/.test(text.trim()) ? Number(text.trim()) : 0);
// A `datetime-local` value is Beijing time, as the server reads it.
const instant = (text: string | undefined) => {
  if (!text || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(text)) return null;
  const at = new Date(`${text.slice(0, 16)}:00+08:00`);
  return Number.isNaN(at.getTime()) ? null : at;
};

/** Why a tier is what it is, one figure per line: "死亡 3 人（较大事件标准：≥ 3 人）". */
export function useTierReasons() {
  const t = useTranslations('incidentTier');
  return (reasons: FigureHit[]) =>
    reasons.map((r) => t(`reason.${r.figure}`, { value: r.value.toLocaleString('en-US'), threshold: r.threshold.toLocaleString('en-US') }));
}

/**
 * Live, as the reporter types: the tier the figures imply and why, whether the chosen tier will be raised
 * to it on saving (with the active rule set's thresholds, as the page passes them), and the report deadline after discovery with whether the report time meets it.
 */
export function IncidentTierPanel({ values, thresholds }: { values: Record<string, string>; thresholds: TierThresholds }) {
  const t = useTranslations();
  const say = useTierReasons();
  const chosen = Number(values.tier);
  const figures = {
    deaths: count(values.deaths),
    seriousInjuries: count(values.seriousInjuries),
    directLossCny: count(values.directLossCny),
  };
  const rules = tierRules(thresholds);
  const tier = isTier(chosen) ? effectiveTier({ tier: chosen, ...figures }, rules) : null;
  const implied = impliedTier(figures, rules);
  const discovered = instant(values.discoveredAt) ?? instant(values.occurredAt);
  const reported = instant(values.reportedAt);
  const timing = tier && discovered ? reportTiming(tier.tier, discovered, reported) : null;
  return (
    <div className="space-y-2" aria-live="polite" data-testid="tier-panel">
      {tier?.raised ? (
        <div
          role="status"
          className="rounded-md border-2 border-orange-500 bg-orange-50 p-3 text-sm text-orange-950"
          data-testid="tier-raised"
        >
          <p className="font-semibold">
            ⬆ {t('incidentTier.willRaise', { chosen: t(`tiers.${tier.setTier}`), tier: t(`tiers.${tier.tier}`) })}
          </p>
          <ul className="mt-1 list-disc pl-5">
            {say(tier.implied.by).map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
      ) : tier && implied.tier > tier.setTier ? (
        <p className="text-sm text-gray-600">{t('incidentTier.higherThanFigures', { implied: t(`tiers.${implied.tier}`) })}</p>
      ) : tier && tier.implied.by.length ? (
        <p className="text-sm text-gray-700">
          {t('incidentTier.matches', { tier: t(`tiers.${tier.tier}`) })} {say(tier.implied.by).join(t('incidentTier.sep'))}
        </p>
      ) : null}
      {timing ? (
        <p className="text-sm text-gray-700" data-testid="report-deadline">
          <span className="font-medium">{t('incidentTier.deadlineLabel')}</span>
          {t('recordForms.colon')}
          {t('incidentTier.deadline', { hours: timing.hours, at: formatDateTime(timing.deadline) })}{' '}
          {timing.met === true ? (
            <span className="font-medium text-emerald-800">✓ {t('incidentTier.onTime')}</span>
          ) : timing.met === false ? (
            <span className="font-medium text-red-800">✗ {t('incidentTier.late')}</span>
          ) : (
            <span className="text-gray-500">{t('incidentTier.noReportTime')}</span>
          )}
        </p>
      ) : (
        <p className="text-sm text-gray-500">{t('incidentTier.deadlineUnknown')}</p>
      )}
    </div>
  );
}
