import Link from 'next/link';
import { forbidden, notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { ratingYearSummary, storedRatings } from '@/db/queries/ratings';
import { unitByCode } from '@/db/queries/units';
import { ratingRuleSetByVersion } from '@/db/queries/rule-sets';
import { contributionDomains } from '@/db/dashboards/heatmaps';
import { listDomains } from '@/db/queries/reference';
import { requireActor } from '@/server/auth/current-actor';
import { localName, toLocale } from '@/domain/i18n/locales';
import { CAS_2019_V1 } from '@/domain/rating/default-rule-set';
import { effectText, explainContribution, explainStored, explainStoredContribution, ruleName } from '@/domain/rating/explain';
import { recheckStoredRating } from '@/features/rating/recheck';
import { awaitProvisionalRatings, ensureYearRatings } from '@/features/rating/year-ratings';
import { ratedYears } from '@/domain/records/date-range';
import type { Level } from '@/domain/reference/level-codes';
import { formatDateTime, yearStart } from '@/domain/time/shanghai';
import { LevelBadge } from '@/components/level-badge';
import { PageHeader } from '@/components/page-header';
import { YearOutsideRange, yearOutside } from '@/components/year-outside-range';
import { RuleGroups, RuleLines, type ShownLine } from '@/components/ratings/contribution-explanation';
import { RecomputingNotice } from '@/components/ratings/recomputing-notice';
import { FIRST_LINES_PER_RULE, groupByRule, RULE_PAGE_SIZE, rulePage } from '@/domain/rating/contribution-groups';
import { storedLineCount, storedRuleGroups, storedRulePage } from '@/db/queries/rating-lines';

/** Lines of each kind of difference shown before the rest are counted (issue 13: pages stay bounded). */
const DIFFERENCE_LINES = 20;
/**
 * A provisional rating with more lines than this is grouped and paged in SQL and not recomputed per view to
 * give its sentences their detail: at 150,000 hazards (307,508 lines) reading every line and recomputing
 * held the serving thread for seconds per view (decision 031). Its lines read as stored (rule, record,
 * points); final and published ratings, and a domain's lines, are still read whole and rechecked.
 */
const RECHECK_PROVISIONAL_LINES = 50_000;
/** Floors named in the summary; the rest are counted (each is also a line of its rule below). */
const FLOOR_LINES = 5;

/**
 * The unit the address names, in the reader's scope. Like records: outside the scope an existing and a
 * missing unit get the same refusal (forbidden(); notFound() only for a reader who sees every unit).
 */
async function unitOrInterrupt(unitCode: string) {
  const actor = await requireActor();
  const unit = unitByCode(getDb(), decodeURIComponent(unitCode));
  if (!unit || !(actor.scope.all || actor.scope.unitIds.includes(unit.id))) return actor.scope.all ? notFound() : forbidden();
  return { actor, unit };
}

export async function generateMetadata({ params }: { params: Promise<{ year: string; unitCode: string }> }) {
  const { year, unitCode } = await params;
  return { title: `${decodeURIComponent(unitCode)} · ${year} · ${(await getTranslations('ratings'))('title')}` };
}

export default async function UnitRatingPage({
  params,
  searchParams,
}: {
  params: Promise<{ year: string; unitCode: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireActor();
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  const db = getDb();
  const now = new Date();
  const { year: yearText, unitCode } = await params;
  const outside = yearOutside(yearText);
  if (outside !== null) return <YearOutsideRange title={t('ratings.title')} given={outside} hrefFor={(y) => `/ratings/${y}/${unitCode}`} />;
  const year = Number(yearText);
  const { unit } = await unitOrInterrupt(unitCode);
  const name = localName(locale, unit);
  // A re-rating too large for this request runs in the job thread; wait for it briefly, never blocking.
  const freshness = unit.kind === 'institute' ? await awaitProvisionalRatings(db, year, now) : null;
  const status = unit.kind === 'institute' && ratedYears(now).includes(year) ? ensureYearRatings(db, year, now) : null;
  const search = await searchParams;
  // Opened from a heatmap cell: only the contributions of that domain's records, with their sum.
  const domainParam = search.domain;
  const domain = typeof domainParam === 'string' ? listDomains(db).find((d) => d.code === domainParam) : undefined;
  const head = status ? storedRatings(db, actor.scope, year, status, [unit.id], false)[0] : undefined;
  const lineCount = head ? storedLineCount(db, head.id) : 0;
  // A huge provisional rating is grouped and paged in SQL, its lines never all read (decision 031).
  const inSql = !domain && head?.status === 'provisional' && lineCount > RECHECK_PROVISIONAL_LINES;
  const stored = head && !inSql ? storedRatings(db, actor.scope, year, head.status, [unit.id])[0] : head;
  const back = (
    <Link href={`/ratings?year=${year}`} className="text-sm text-blue-700 hover:underline">
      ← {t('ratingDetail.back', { year })}
    </Link>
  );
  if (!stored) {
    return (
      <div className="max-w-4xl">
        {back}
        <PageHeader title={t('ratingDetail.title', { unit: name, year: yearText })} />
        <RecomputingNotice freshness={freshness} t={t} />
        <p className="rounded-lg border border-dashed border-gray-300 bg-white p-8 text-center text-gray-700" data-testid="not-rated">
          {t('ratingDetail.notRated', { unit: name, year: yearText })}
        </p>
      </div>
    );
  }

  const recheck = inSql
    ? { ruleSet: ratingRuleSetByVersion(db, stored.ruleSetVersion), recomputed: null, difference: null }
    : recheckStoredRating(db, stored);
  const opts = { locale, ruleSet: recheck.ruleSet ?? CAS_2019_V1, asOf: stored.asOf };
  const domainOf = domain ? contributionDomains(db, stored.contributions) : null;
  const shown = domainOf
    ? stored.contributions.filter((c) => domainOf.get(`${c.recordKind}|${c.recordId}`) === domain!.code)
    : stored.contributions;
  // Only the lines on the page are turned into sentences: an institute may have a hundred thousand.
  const explain = (cs: readonly (typeof shown)[number][]): ShownLine[] =>
    explainStored(cs, recheck.recomputed?.contributions ?? null, opts).map((line, i) => ({ line, reference: cs[i]!.recordExternalId }));
  const groups = inSql ? storedRuleGroups(db, stored.id, FIRST_LINES_PER_RULE) : groupByRule(shown);
  const ruleParam = typeof search.rule === 'string' ? search.rule : undefined;
  const ruleGroup = groups.find((g) => g.rule === ruleParam);
  const pageNo = Number(typeof search.page === 'string' ? search.page : '1');
  const rulePageOf = !ruleGroup
    ? null
    : inSql
      ? storedRulePage(db, stored.id, ruleGroup.rule, ruleGroup.count, pageNo, RULE_PAGE_SIZE)
      : rulePage(shown, ruleGroup.rule, pageNo);
  const baseHref = `/ratings/${year}/${encodeURIComponent(unit.code)}`;
  const withParams = (more: Record<string, string>) => {
    const query = new URLSearchParams({ ...(domain ? { domain: domain.code } : {}), ...more }).toString();
    return query ? `${baseHref}?${query}` : baseHref;
  };
  const difference = stored.status === 'provisional' ? null : recheck.difference;
  const moreDifferences = difference
    ? [difference.added, difference.removed, difference.changed].reduce((n, l) => n + Math.max(0, l.length - DIFFERENCE_LINES), 0)
    : 0;
  const word = (l: Level) => t(`levels.${l}`);
  const summary = stored.status === 'published' ? ratingYearSummary(db, year) : null;
  const floors = stored.floors
    .slice(0, FLOOR_LINES + 1)
    .map((f) => t('ratingDetail.floorLine', { level: word(f.floor), rule: ruleName(f.rule, locale), ref: f.recordExternalId }));

  return (
    <div className="max-w-5xl space-y-6">
      {back}
      <PageHeader
        title={t('ratingDetail.title', { unit: name, year })}
        subtitle={`${unit.code} · ${t(`ratings.statusWord.${stored.status}`)}`}
      >
        <Link href={`/units/${encodeURIComponent(unit.code)}`} className="text-sm text-blue-700 hover:underline">
          {t('ratingDetail.unitPage')}
        </Link>
      </PageHeader>
      <RecomputingNotice freshness={freshness} t={t} />

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
        {summary ? (
          <Item label={t('ratingDetail.publishedAt')}>
            {t('ratingDetail.publishedByAt', { at: formatDateTime(stored.publishedAt), by: summary.publishedBy ?? '—' })}
          </Item>
        ) : null}
      </dl>

      {stored.status !== 'provisional' ? (
        !recheck.ruleSet ? (
          <p className="text-sm text-gray-600">{t('ratingDetail.cannotRecheck', { version: stored.ruleSetVersion })}</p>
        ) : difference ? (
          <section
            role="alert"
            className="rounded-lg border border-amber-400 bg-amber-50 p-4 text-sm text-amber-950"
            data-testid="rating-differs"
          >
            <h2 className="font-semibold">⚠ {t('ratingDetail.differsTitle')}</h2>
            <p className="mt-1">
              {t(stored.status === 'published' ? 'ratingDetail.differsPublished' : 'ratingDetail.differsFinal', {
                version: stored.ruleSetVersion,
              })}
            </p>
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
                <li key={`r${i}`}>{t('ratingDetail.differsRemoved', { line: explainStoredContribution(c, locale) })}</li>
              ))}
              {difference.changed.slice(0, DIFFERENCE_LINES).map(({ now: c, then }, i) => (
                <li key={`c${i}`}>
                  {t('ratingDetail.differsChanged', {
                    line: explainContribution(c, opts),
                    then: effectText(then.points, then.floor, locale),
                  })}
                </li>
              ))}
              {moreDifferences > 0 ? <li data-testid="differs-more">{t('ratingDetail.differsMore', { n: moreDifferences })}</li> : null}
            </ul>
          </section>
        ) : (
          <p className="text-sm text-gray-600" data-testid="rating-same">
            ✓ {t('ratingDetail.sameAsRecords')}
          </p>
        )
      ) : null}

      <section aria-labelledby="contributions-heading">
        <h2 id="contributions-heading" className="text-lg font-semibold">
          {t('ratingDetail.contributions')}
        </h2>
        <p className="mb-3 text-sm text-gray-500">{t('ratingDetail.contributionsHint')}</p>
        {domain ? (
          <p
            className="mb-3 flex flex-wrap items-center gap-3 rounded-md bg-blue-50 px-3 py-2 text-sm text-blue-950"
            data-testid="domain-filter"
          >
            <span>
              {t('ratingDetail.domainOnly', {
                domain: localName(locale, domain),
                n: shown.length,
                points: shown.reduce((sum, c) => sum + c.points, 0),
              })}
            </span>
            <Link href={baseHref} className="text-blue-700 hover:underline">
              {t('ratingDetail.domainAll')}
            </Link>
          </p>
        ) : null}
        {(inSql ? lineCount : shown.length) === 0 ? (
          <p
            className="rounded-lg border border-dashed border-gray-300 bg-white p-6 text-center text-gray-700"
            data-testid="no-contributions"
          >
            {t('ratingDetail.noContributions')}
          </p>
        ) : ruleGroup && rulePageOf ? (
          <RuleLines
            rule={ruleGroup.rule}
            points={ruleGroup.points}
            floor={ruleGroup.floor}
            page={{ ...rulePageOf, items: explain(rulePageOf.items) }}
            hrefForPage={(p) => withParams({ rule: ruleGroup.rule, page: String(p) })}
            backHref={withParams({})}
            locale={locale}
            t={t}
          />
        ) : (
          <RuleGroups
            groups={groups.map((g) => ({ ...g, first: explain(g.first) }))}
            // Narrowed to a domain, the footer sums what is listed, as the filter line above it does.
            total={domain ? shown.reduce((sum, c) => sum + c.points, 0) : stored.points}
            hrefForRule={(rule) => withParams({ rule, page: '1' })}
            locale={locale}
            t={t}
          />
        )}
      </section>
    </div>
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
