import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { ratingYearSummary } from '@/db/queries/ratings';
import { activeRatingRuleSet } from '@/db/queries/rule-sets';
import { publishYearAction, recomputeYearAction } from '@/server/actions/ratings';
import { requireActor } from '@/server/auth/current-actor';
import { localName, toLocale } from '@/domain/i18n/locales';
import { ruleName } from '@/domain/rating/explain';
import { canManageRatings } from '@/domain/auth/rating-permissions';
import {
  distinctFloors,
  levelChange,
  loadRatingsTable,
  ratingsQuerySchema,
  ratingsTableYear,
  type LevelChange,
} from '@/features/rating/views/ratings-table';
import { awaitProvisionalRatings, countsFingerprint, levelCounts } from '@/features/rating/year-ratings';
import { ratedYears } from '@/domain/records/date-range';
import { levels, type Level } from '@/domain/reference/level-codes';
import { formatDateTime } from '@/domain/time/shanghai';
import { LevelBadge } from '@/components/level-badge';
import { PageHeader } from '@/components/page-header';
import { scopeText } from '@/components/scope-text';
import { DataTable } from '@/components/data-table';
import { ExportXlsxLink } from '@/components/export/export-xlsx-link';
import { ConfirmAction } from '@/components/ratings/confirm-action';
import { RecomputingNotice } from '@/components/ratings/recomputing-notice';
import { LevelSummary } from '@/components/ratings/level-summary';
import { RatingsFilters } from '@/components/ratings/ratings-filters';
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
  const { year, years, status, all, inBranch, rows, previous, differ } = loadRatingsTable(db, actor, q, now);
  const summary = ratingYearSummary(db, year);

  const branches = [...new Map(all.filter((r) => r.branchCode).map((r) => [r.branchCode!, r])).values()].sort((a, b) =>
    a.branchCode!.localeCompare(b.branchCode!),
  );
  const counts = levelCounts(inBranch);
  const word = (l: Level) => t(`levels.${l}`);
  const manage = canManageRatings(actor.role);
  const latestComputed = all.reduce<Date | null>((m, r) => (!m || r.computedAt > m ? r.computedAt : m), null);

  let statusLine: string;
  if (all.length === 0 && status !== 'published') statusLine = t('ratings.statusNone', { year });
  else if (status === 'provisional') statusLine = t('ratings.statusProvisional', { year, asOf: formatDateTime(all[0]?.asOf ?? now) });
  else if (status === 'final')
    statusLine = t('ratings.statusFinal', {
      year,
      computedAt: formatDateTime(latestComputed),
      version: all[0]?.ruleSetVersion ?? '',
    });
  else statusLine = t('ratings.statusPublished', { year, at: formatDateTime(summary.publishedAt), by: summary.publishedBy ?? '—' });

  const allCounts = levelCounts(all);
  const countsText = levels.map((l) => t('ratings.countItem', { level: word(l), n: allCounts[l] })).join(locale === 'en' ? ', ' : '、');
  const activeVersion = activeRatingRuleSet(db).version;

  return (
    <div className="space-y-5">
      <PageHeader title={t('ratings.title')} subtitle={t('ratings.subtitle', { year, scope: await scopeText(actor) })}>
        <nav className="flex gap-4 text-sm">
          <Link href="/ratings/rules" className="text-blue-700 hover:underline">
            {t('ratings.rulesLink')}
          </Link>
          <Link href="/ratings/warning-list" className="text-blue-700 hover:underline">
            {t('ratings.warningListLink')}
          </Link>
          <span className="text-gray-600">
            {t('notice.download')}:{' '}
            <a href={`/ratings/notice?year=${year}&format=pdf`} className="text-blue-700 hover:underline" data-testid="notice-pdf">
              PDF
            </a>{' '}
            ·{' '}
            <a href={`/ratings/notice?year=${year}&format=xlsx`} className="text-blue-700 hover:underline" data-testid="notice-xlsx">
              XLSX
            </a>
          </span>
        </nav>
      </PageHeader>
      <RecomputingNotice freshness={freshness} t={t} />

      <div
        className={`flex flex-wrap items-center justify-between gap-3 rounded-lg border p-4 ${
          status === 'published' ? 'border-emerald-300 bg-emerald-50' : 'border-gray-200 bg-white'
        }`}
      >
        <p className="text-sm text-gray-800" data-testid="year-status" data-status={status}>
          {statusLine}
        </p>
        {manage && status === 'final' && all.length > 0 ? (
          <div className="flex flex-wrap gap-2">
            <ConfirmAction
              testId="recompute"
              action={recomputeYearAction}
              fields={{ year }}
              variant="quiet"
              label={t('ratings.recompute')}
              title={t('ratings.recomputeTitle', { year })}
              body={t('ratings.recomputeBody', { year, version: activeVersion })}
              confirmLabel={t('ratings.recomputeConfirm')}
              cancelLabel={t('ratings.cancel')}
            />
            <ConfirmAction
              testId="publish"
              action={publishYearAction}
              fields={{ year, expected: countsFingerprint(allCounts) }}
              variant="danger"
              label={t('ratings.publish', { year })}
              title={t('ratings.publishTitle', { year })}
              body={t('ratings.publishBody', { total: all.length, counts: countsText })}
              confirmLabel={t('ratings.publishConfirm')}
              cancelLabel={t('ratings.cancel')}
            />
          </div>
        ) : null}
      </div>

      <RatingsFilters
        years={years}
        year={year}
        branches={branches.map((b) => ({ code: b.branchCode!, label: localName(locale, { name: b.branchName, nameEn: b.branchNameEn }) }))}
        branch={q.branch}
        level={q.level}
        sort={q.sort}
        levelLabels={Object.fromEntries(levels.map((l) => [l, word(l)])) as Record<Level, string>}
        labels={{
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
        }}
      />

      <LevelSummary
        counts={counts}
        title={t('ratings.distribution')}
        itemLabel={(level, n) => t('ratings.distributionItem', { level: word(level), n })}
        total={t('ratings.distributionTotal', { n: inBranch.length })}
      />

      {rows.length > 0 ? (
        <div className="flex justify-end">
          <ExportXlsxLink table="ratings" params={{ year: String(year), branch: q.branch, level: q.level, sort: q.sort }} />
        </div>
      ) : null}

      {rows.length === 0 ? (
        <div className="rounded-lg border border-dashed border-gray-300 bg-white p-10 text-center" data-testid="ratings-empty">
          <p className="font-medium text-gray-800">{t('ratings.empty')}</p>
          <p className="mt-1 text-sm text-gray-500">{t('ratings.emptyHint')}</p>
        </div>
      ) : (
        <DataTable
          compact
          testId="ratings-table"
          columns={[
            { label: t('ratings.unit') },
            { label: t('ratings.branch') },
            { label: t('ratings.level') },
            { label: t('ratings.points'), align: 'right' },
            { label: t('ratings.levelByPoints') },
            { label: t('ratings.floors') },
            { label: t('ratings.change') },
            { label: t('ratings.status') },
            { label: t('ratings.computedAt') },
          ]}
        >
          {rows.map((r) => {
            const before = previous.get(r.instituteId);
            const floors = distinctFloors(r);
            return (
              <tr key={r.id} className="border-t border-gray-100 align-top hover:bg-gray-50" data-unit={r.unitCode} data-level={r.level}>
                <td className="px-3 py-2">
                  <Link href={`/ratings/${year}/${encodeURIComponent(r.unitCode)}`} className="text-blue-700 hover:underline">
                    {localName(locale, { name: r.unitName, nameEn: r.unitNameEn })}
                  </Link>
                  <span className="block font-mono text-xs text-gray-500">{r.unitCode}</span>
                </td>
                <td className="px-3 py-2 text-gray-700">
                  {r.branchCode ? localName(locale, { name: r.branchName, nameEn: r.branchNameEn }) : '—'}
                </td>
                <td className="px-3 py-2">
                  <LevelBadge level={r.level} label={word(r.level)} />
                </td>
                <td className="px-3 py-2 text-right font-semibold tabular-nums">{r.points}</td>
                <td className="whitespace-nowrap px-3 py-2 text-gray-700">{word(r.levelByPoints)}</td>
                <td className="min-w-[12rem] px-3 py-2 text-xs text-gray-700">
                  {floors.length === 0 ? (
                    '—'
                  ) : (
                    <ul className="space-y-0.5">
                      {floors.map((f) => (
                        <li key={`${f.floor}|${f.rule}`}>
                          {t('ratings.floorItem', { level: word(f.floor), rule: ruleName(f.rule, locale) })}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td className="px-3 py-2 text-xs" data-testid="change">
                  <Change change={levelChange(r.level, before)} before={before} t={t} />
                </td>
                <td className="px-3 py-2 text-xs">
                  {t(`ratings.statusWord.${r.status}`)}
                  {differ.has(r.instituteId) ? (
                    <span className="mt-0.5 block font-medium text-amber-800" data-testid="differs-mark">
                      ⚠ {t('ratings.differsMark')}
                    </span>
                  ) : null}
                </td>
                <td className="px-3 py-2 text-xs tabular-nums text-gray-600">{formatDateTime(r.computedAt)}</td>
              </tr>
            );
          })}
        </DataTable>
      )}
    </div>
  );
}

function Change({ change, before, t }: { change: LevelChange; before: Level | undefined; t: Awaited<ReturnType<typeof getTranslations>> }) {
  if (change === 'none' || !before) return <span className="text-gray-500">{t('ratings.changeNone')}</span>;
  const level = t(`levels.${before}`);
  if (change === 'worse') return <span className="font-medium text-red-800">{t('ratings.changeWorse', { level })}</span>;
  if (change === 'better') return <span className="font-medium text-emerald-800">{t('ratings.changeBetter', { level })}</span>;
  return <span className="text-gray-600">{t('ratings.changeSame', { level })}</span>;
}
