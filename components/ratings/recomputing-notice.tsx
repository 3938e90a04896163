import { getTranslations } from 'next-intl/server';
import type { RatingsFreshness } from '@/lib/rating/year-ratings';
import { formatDateTime } from '@/lib/time';

/** Says that this year's ratings are being recomputed in the job thread and when the shown ones were (decision 031). */
export async function RecomputingNotice({ freshness }: { freshness: RatingsFreshness }) {
  if (!freshness.recomputing) return null;
  const t = await getTranslations('ratingsFreshness');
  return (
    <p
      role="status"
      data-testid="ratings-recomputing"
      className="rounded-md border border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-900"
    >
      {freshness.computedAt ? t('recomputing', { computedAt: formatDateTime(freshness.computedAt) }) : t('recomputingNone')}
    </p>
  );
}
