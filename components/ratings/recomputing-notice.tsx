import type { getTranslations } from 'next-intl/server';
import type { RatingsFreshness } from '@/features/rating/year-ratings';
import { formatDateTime } from '@/domain/time/shanghai';

type T = Awaited<ReturnType<typeof getTranslations>>;

/** Says that this year's ratings are being recomputed in the job thread and when the shown ones were (decision 031). */
export function RecomputingNotice({ freshness, t }: { freshness: RatingsFreshness | null; t: T }) {
  if (!freshness?.recomputing) return null;
  return (
    <p
      role="status"
      data-testid="ratings-recomputing"
      className="rounded-md border border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-900"
    >
      {freshness.computedAt
        ? t('ratingsFreshness.recomputing', { computedAt: formatDateTime(freshness.computedAt) })
        : t('ratingsFreshness.recomputingNone')}
    </p>
  );
}
