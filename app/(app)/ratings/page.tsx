import { getLocale, getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { ratingYearSummary, type StoredStatus } from '@/db/rating/ratings';
import { activeRatingRuleSet } from '@/db/rule-sets/rating-rule-sets';
import { requireActor } from '@/server/auth/current-actor';
import type { Actor } from '@/domain/auth/actor';
import { localName, toLocale } from '@/domain/i18n/locales';
import { canManageRatings } from '@/domain/auth/rating-permissions';
import { loadRatingsTable, ratingsQuerySchema, ratingsTableYear } from '@/features/rating/views/ratings-table';
import { awaitProvisionalRatings, countsFingerprint, levelCounts } from '@/features/rating/year-ratings';
import { ratedYears } from '@/domain/records/date-range';
import { levels, type Level } from '@/domain/reference/level-codes';
import { PageHeader } from '@/components/page-header';
import { scopeText } from '@/components/scope-text';
import { ExportXlsxLink } from '@/components/export/export-xlsx-link';
import { RecomputingNotice } from '@/components/ratings/recomputing-notice';
import { LevelSummary } from '@/components/ratings/level-summary';
import { RatingsFilters } from '@/components/ratings/ratings-filters';
import { RatingsNav } from '@/components/ratings/ratings-nav';
import { RatingsTable } from '@/components/ratings/ratings-table';
import { YearStatus, yearStatusLine } from '@/components/ratings/year-status';
import { YearOutsideRange, withYear, yearOutside } from '@/components/year-outside-range';

export async function generateMetadata() {
  return { title: (await getTranslations('ratings'))('title') };
}

export default async function RatingsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor();
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  const db = getDb();
  const now = new Date();
  const params = await searchParams;
  const outside = yearOutside(params.year);
  if (outside !== null)
    return <YearOutsideRange title={t('ratings.title')} given={outside} hrefFor={(y) => withYear('/ratings', params, y)} />;
  const q = ratingsQuerySchema.parse(params);
  // A re-rating too large for this request runs in the job thread; wait for it briefly, never blocking.
  const freshness = await awaitProvisionalRatings(db, ratingsTableYear(ratedYears(now), q, now), now);
  const { year, years, status, rateable, all, inBranch, rows, previous, differ } = await loadRatingsTable(db, actor, q, now);
  const summary = await ratingYearSummary(db, year);

  const branches = [...new Map(all.filter((r) => r.branchCode).map((r) => [r.branchCode!, r])).values()].sort((a, b) =>
    a.branchCode!.localeCompare(b.branchCode!),
  );
  const counts = levelCounts(inBranch);
  const word = (l: Level) => t(`levels.${l}`);
  const allCounts = levelCounts(all);
  const countsText = levels.map((l) => t('ratings.countItem', { level: word(l), n: allCounts[l] })).join(locale === 'en' ? ', ' : '、');
  const office = await officeControls(actor, status, rateable, all.length, countsFingerprint(allCounts), countsText);

  return (
    <div className="space-y-5">
      <PageHeader title={t('ratings.title')} subtitle={t('ratings.subtitle', { year, scope: await scopeText(actor) })}>
        <RatingsNav year={year} t={t} />
      </PageHeader>
      <RecomputingNotice freshness={freshness} t={t} />
      <YearStatus year={year} status={status} line={yearStatusLine({ year, status, all }, summary, now, t)} office={office} t={t} />

      <RatingsFilters
        years={years}
        year={year}
        branches={branches.map((b) => ({ code: b.branchCode!, label: localName(locale, { name: b.branchName, nameEn: b.branchNameEn }) }))}
        branch={q.branch}
        level={q.level}
        sort={q.sort}
        levelLabels={Object.fromEntries(levels.map((l) => [l, word(l)])) as Record<Level, string>}
        labels={filterLabels(t)}
      />

      {status === null ? null : (
        // A year not rated yet has no distribution: zeros would read as "no institute at risk".
        <LevelSummary
          counts={counts}
          title={t('ratings.distribution')}
          itemLabel={(level, n) => t('ratings.distributionItem', { level: word(level), n })}
          total={t('ratings.distributionTotal', { n: inBranch.length })}
        />
      )}

      {rows.length > 0 ? (
        <div className="flex justify-end">
          <ExportXlsxLink table="ratings" params={{ year: String(year), branch: q.branch, level: q.level, sort: q.sort }} />
        </div>
      ) : null}

      {rows.length === 0 ? (
        <EmptyState year={year} notRated={status === null} t={t} />
      ) : (
        <RatingsTable view={{ year, rows, previous, differ }} locale={locale} t={t} />
      )}
    </div>
  );
}

/**
 * What the office may do with the year: recompute and publish a final year; rate (the same recompute) a
 * past year not rated yet that holds records, nothing to publish yet (decision 045).
 */
async function officeControls(
  actor: Actor,
  status: StoredStatus | null,
  rateable: boolean,
  total: number,
  fingerprint: string,
  countsText: string,
) {
  if (!canManageRatings(actor.role) || !((status === 'final' && total > 0) || rateable)) return null;
  return {
    activeVersion: (await activeRatingRuleSet(getDb())).version,
    publish: status === 'final' ? { fingerprint, total, countsText } : null,
  };
}

/** No rows: a year not rated yet says so (never zeros); otherwise the filters matched nothing. */
function EmptyState({ year, notRated, t }: { year: number; notRated: boolean; t: Awaited<ReturnType<typeof getTranslations>> }) {
  return (
    <div className="rounded-lg border border-dashed border-gray-300 bg-white p-10 text-center" data-testid="ratings-empty">
      {notRated ? (
        <p className="font-medium text-gray-800" data-testid="ratings-not-rated">
          {t('ratings.statusNone', { year })}
        </p>
      ) : (
        <>
          <p className="font-medium text-gray-800">{t('ratings.empty')}</p>
          <p className="mt-1 text-sm text-gray-500">{t('ratings.emptyHint')}</p>
        </>
      )}
    </div>
  );
}

/** The filter form's words. */
function filterLabels(t: Awaited<ReturnType<typeof getTranslations>>) {
  return {
    legend: t('ratings.filters'),
    year: t('ratings.year'),
    branch: t('ratings.branch'),
    allBranches: t('ratings.allBranches'),
    level: t('ratings.level'),
    allLevels: t('ratings.allLevels'),
    sort: t('ratings.sort'),
    sortPoints: t('ratings.sortPoints'),
    sortCode: t('ratings.sortCode'),
    apply: t('ratings.apply'),
    reset: t('ratings.reset'),
  };
}
