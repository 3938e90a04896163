import Link from 'next/link';
import type { getTranslations } from 'next-intl/server';
import type { Locale } from '@/domain/i18n/locales';
import { ruleName } from '@/domain/rating/explain';
import type { Level } from '@/domain/reference/level-codes';
import { formatDateTime, yearStart } from '@/domain/time/shanghai';
import { LevelBadge } from '@/components/level-badge';

type T = Awaited<ReturnType<typeof getTranslations>>;

/** Floors named in the summary; the rest are counted (each is also a line of its rule below). */
const FLOOR_LINES = 5;

/** What the summary shows of a stored rating. */
export interface RatingSummaryFacts {
  level: Level;
  points: number;
  levelByPoints: Level;
  floors: readonly { floor: Level; rule: string; recordExternalId: string }[];
  ruleSetVersion: string;
  asOf: Date;
  status: 'provisional' | 'final' | 'published';
  computedAt: Date;
  publishedAt: Date | null;
}

/** A stored rating at a glance: level, points, floors, the rule-set version and when it was computed or published. */
export function RatingSummary({
  stored,
  year,
  publishedBy,
  locale,
  t,
}: {
  stored: RatingSummaryFacts;
  year: number;
  /** Who published it, when it is published (undefined otherwise). */
  publishedBy: string | null | undefined;
  locale: Locale;
  t: T;
}) {
  const word = (l: Level) => t(`levels.${l}`);
  const floors = stored.floors
    .slice(0, FLOOR_LINES + 1)
    .map((f) => t('ratingDetail.floorLine', { level: word(f.floor), rule: ruleName(f.rule, locale), ref: f.recordExternalId }));
  return (
    <dl
      className="grid grid-cols-1 gap-x-6 rounded-lg border border-gray-200 bg-white p-6 sm:grid-cols-2 lg:grid-cols-3"
      data-testid="rating-summary"
    >
      <Item label={t('ratingDetail.level')}>
        <span className="text-base">
          <LevelBadge level={stored.level} label={word(stored.level)} />
        </span>
      </Item>
      <Item label={t('ratingDetail.points')}>
        <span data-testid="rating-points">{t('ratingDetail.pointsValue', { points: stored.points })}</span>
      </Item>
      <Item label={t('ratingDetail.levelByPoints')}>{word(stored.levelByPoints)}</Item>
      <Item label={t('ratingDetail.floors')}>
        {floors.length ? (
          <ul className="space-y-0.5">
            {floors.slice(0, FLOOR_LINES).map((f, i) => (
              <li key={i} data-testid="floor-line">
                {f}
              </li>
            ))}
            {stored.floors.length > FLOOR_LINES ? (
              <li className="text-gray-600">{t('ratingDetail.floorsMore', { n: stored.floors.length - FLOOR_LINES })}</li>
            ) : null}
          </ul>
        ) : (
          t('ratings.none')
        )}
      </Item>
      <Item label={t('ratingDetail.ruleSet')}>
        <Link href={`/ratings/rules/${encodeURIComponent(stored.ruleSetVersion)}`} className="font-mono text-blue-700 hover:underline">
          {stored.ruleSetVersion}
        </Link>
      </Item>
      <Item label={t('ratingDetail.asOf')}>
        {stored.asOf.getTime() === yearStart(year + 1).getTime()
          ? t('ratingDetail.asOfEnd', { year, at: formatDateTime(stored.asOf) })
          : formatDateTime(stored.asOf)}
      </Item>
      <Item label={t('ratingDetail.status')}>{t(`ratings.statusWord.${stored.status}`)}</Item>
      <Item label={t('ratingDetail.computedAt')}>{formatDateTime(stored.computedAt)}</Item>
      {publishedBy !== undefined ? (
        <Item label={t('ratingDetail.publishedAt')}>
          {t('ratingDetail.publishedByAt', { at: formatDateTime(stored.publishedAt), by: publishedBy ?? '—' })}
        </Item>
      ) : null}
    </dl>
  );
}

function Item({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="border-b border-gray-100 py-2">
      <dt className="text-xs text-gray-500">{label}</dt>
      <dd className="mt-0.5 text-sm">{children}</dd>
    </div>
  );
}
