import type { getTranslations } from 'next-intl/server';
import type { Recheck } from '@/features/rating/recheck';
import { effectText, explainContribution, explainStoredContribution, type ExplainOptions } from '@/domain/rating/explain';

type T = Awaited<ReturnType<typeof getTranslations>>;

/** Lines of each kind of difference shown before the rest are counted (issue 13: pages stay bounded). */
const DIFFERENCE_LINES = 20;

/**
 * Whether a final or published rating would differ if recomputed from today's records with its own
 * version (RATING.md §6), and how: or that it cannot be rechecked, its version no longer being stored.
 */
export function RatingRecheck({
  status,
  version,
  recheck: { ruleSet, difference },
  opts,
  t,
}: {
  status: 'provisional' | 'final' | 'published';
  version: string;
  /** `ruleSet` null: the rating's version is not stored, so it could not be recomputed. */
  recheck: Pick<Recheck, 'ruleSet' | 'difference'>;
  opts: ExplainOptions;
  t: T;
}) {
  // A provisional rating is recomputed as records change; only a settled one is compared.
  if (status === 'provisional') return null;
  if (!ruleSet) return <p className="text-sm text-gray-600">{t('ratingDetail.cannotRecheck', { version })}</p>;
  if (!difference) {
    return (
      <p className="text-sm text-gray-600" data-testid="rating-same">
        ✓ {t('ratingDetail.sameAsRecords')}
      </p>
    );
  }
  const more = [difference.added, difference.removed, difference.changed].reduce((n, l) => n + Math.max(0, l.length - DIFFERENCE_LINES), 0);
  const word = (l: string) => t(`levels.${l}`);
  return (
    <section
      role="alert"
      className="rounded-lg border border-amber-400 bg-amber-50 p-4 text-sm text-amber-950"
      data-testid="rating-differs"
    >
      <h2 className="font-semibold">⚠ {t('ratingDetail.differsTitle')}</h2>
      <p className="mt-1">{t(status === 'published' ? 'ratingDetail.differsPublished' : 'ratingDetail.differsFinal', { version })}</p>
      <ul className="mt-2 list-disc space-y-1 pl-5">
        {difference.noLongerRated ? <li>{t('ratingDetail.differsNoLongerRated')}</li> : null}
        {difference.level ? (
          <li>{t('ratingDetail.differsLevel', { now: word(difference.level.now), then: word(difference.level.then) })}</li>
        ) : null}
        {difference.points ? <li>{t('ratingDetail.differsPoints', difference.points)}</li> : null}
        {difference.added.slice(0, DIFFERENCE_LINES).map((c, i) => (
          <li key={`a${i}`}>{t('ratingDetail.differsAdded', { line: explainContribution(c, opts) })}</li>
        ))}
        {difference.removed.slice(0, DIFFERENCE_LINES).map((c, i) => (
          <li key={`r${i}`}>{t('ratingDetail.differsRemoved', { line: explainStoredContribution(c, opts.locale) })}</li>
        ))}
        {difference.changed.slice(0, DIFFERENCE_LINES).map(({ now: c, then }, i) => (
          <li key={`c${i}`}>
            {t('ratingDetail.differsChanged', {
              line: explainContribution(c, opts),
              then: effectText(then.points, then.floor, opts.locale),
            })}
          </li>
        ))}
        {more > 0 ? <li data-testid="differs-more">{t('ratingDetail.differsMore', { n: more })}</li> : null}
      </ul>
    </section>
  );
}
