import Link from 'next/link';
import { forbidden, notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import type { Queryable } from '@/db/tx';
import { ratingYearSummary, storedRatings, type StoredStatus } from '@/db/rating/ratings';
import { unitByCode } from '@/db/units/units';
import { ratingRuleSetByVersion } from '@/db/rule-sets/rating-rule-sets';
import { contributionDomains } from '@/db/dashboards/heatmaps';
import { listDomains } from '@/db/reference/reference';
import { storedLineCount, storedRuleGroups, storedRulePage } from '@/db/rating/rating-lines';
import { requireActor } from '@/server/auth/current-actor';
import type { Scope } from '@/domain/auth/actor';
import { localName, toLocale, type Locale } from '@/domain/i18n/locales';
import {
  FIRST_LINES_PER_RULE,
  groupByRule,
  RULE_PAGE_SIZE,
  rulePage,
  type RuleGroup,
  type RulePage,
} from '@/domain/rating/contribution-groups';
import { CAS_2019_V1 } from '@/domain/rating/default-rule-set';
import { explainStored, type ExplainOptions } from '@/domain/rating/explain';
import type { Contribution } from '@/domain/rating/types';
import { ratedYears } from '@/domain/records/date-range';
import { recheckStoredRating } from '@/features/rating/recheck';
import { awaitProvisionalRatings, ensureYearRatings, type RatingsFreshness } from '@/features/rating/year-ratings';
import { PageHeader } from '@/components/page-header';
import { YearOutsideRange, yearOutside } from '@/components/year-outside-range';
import { RuleGroups, RuleLines, type ShownLine } from '@/components/ratings/contribution-explanation';
import { ContributionsSection } from '@/components/ratings/contributions-section';
import { RatingRecheck } from '@/components/ratings/rating-recheck';
import { RatingSummary } from '@/components/ratings/rating-summary';
import { RecomputingNotice } from '@/components/ratings/recomputing-notice';

/**
 * A provisional rating with more lines than this is grouped and paged in SQL and not recomputed per view to
 * give its sentences their detail: at 150,000 hazards (307,508 lines) reading every line and recomputing
 * held the serving thread for seconds per view (decision 031). Its lines read as stored (rule, record,
 * points); final and published ratings, and a domain's lines, are still read whole and rechecked.
 */
const RECHECK_PROVISIONAL_LINES = 50_000;

/**
 * The unit the address names, in the reader's scope. Like records: outside the scope an existing and a
 * missing unit get the same refusal (forbidden(); notFound() only for a reader who sees every unit).
 */
async function unitOrInterrupt(unitCode: string) {
  const actor = await requireActor();
  const unit = await unitByCode(getDb(), decodeURIComponent(unitCode));
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
  const status = unit.kind === 'institute' && ratedYears(now).includes(year) ? await ensureYearRatings(db, year, now) : null;
  const search = await searchParams;
  // Opened from a heatmap cell: only the contributions of that domain's records, with their sum.
  const domainParam = search.domain;
  const domain = typeof domainParam === 'string' ? (await listDomains(db)).find((d) => d.code === domainParam) : undefined;
  // The rating and, when they are paged in SQL, its lines, from one view: a recomputation committed between
  // two reads must not pair the rating with another's lines (or none).
  const { stored, inSql, lineCount, sqlLines } = await db.snapshot(async (tx) => {
    const found = await loadStored(tx, actor.scope, unit.id, year, status, Boolean(domain));
    return { ...found, sqlLines: found.stored && found.inSql ? await linesInSql(tx, found.stored.id, search) : null };
  });
  const back = (
    <Link href={`/ratings?year=${year}`} className="text-sm text-blue-700 hover:underline">
      ← {t('ratingDetail.back', { year })}
    </Link>
  );
  if (!stored) return <NotRated back={back} unit={name} year={yearText} freshness={freshness} t={t} />;

  const { recheck, opts, shown } = await recheckAndNarrow(db, stored, inSql, domain?.code, locale);
  const shownPoints = shown.reduce((sum, c) => sum + c.points, 0);
  const baseHref = `/ratings/${year}/${encodeURIComponent(unit.code)}`;
  const withParams = (more: Record<string, string>) => withQuery(baseHref, { ...(domain ? { domain: domain.code } : {}), ...more });
  const summary = stored.status === 'published' ? await ratingYearSummary(db, year) : undefined;

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

      <RatingSummary stored={stored} year={year} publishedBy={summary?.publishedBy} locale={locale} t={t} />
      <RatingRecheck status={stored.status} version={stored.ruleSetVersion} recheck={recheck} opts={opts} t={t} />

      <ContributionsSection
        domain={domain ? { name: localName(locale, domain), n: shown.length, points: shownPoints, allHref: baseHref } : null}
        empty={(inSql ? lineCount : shown.length) === 0}
        t={t}
      >
        <RatingLines
          stored={stored}
          lines={sqlLines ?? linesInMemory(shown, search)}
          shownPoints={domain ? shownPoints : null}
          recomputed={recheck.recomputed?.contributions ?? null}
          opts={opts}
          withParams={withParams}
          t={t}
        />
      </ContributionsSection>
    </div>
  );
}

/** The page of a unit without a stored rating for the year (not an institute, not rated yet, or not active). */
function NotRated({
  back,
  unit,
  year,
  freshness,
  t,
}: {
  back: React.ReactNode;
  unit: string;
  year: string;
  freshness: RatingsFreshness | null;
  t: T;
}) {
  return (
    <div className="max-w-4xl">
      {back}
      <PageHeader title={t('ratingDetail.title', { unit, year })} />
      <RecomputingNotice freshness={freshness} t={t} />
      <p className="rounded-lg border border-dashed border-gray-300 bg-white p-8 text-center text-gray-700" data-testid="not-rated">
        {t('ratingDetail.notRated', { unit, year })}
      </p>
    </div>
  );
}

type T = Awaited<ReturnType<typeof getTranslations>>;

const withQuery = (href: string, query: Record<string, string>) => {
  const text = new URLSearchParams(query).toString();
  return text ? `${href}?${text}` : href;
};

/**
 * The rating rechecked against today's records with its own version (not when its lines are paged in SQL:
 * only the version is read then), and the lines shown: all, or those of one domain's records.
 */
async function recheckAndNarrow(q: Queryable, stored: Stored, inSql: boolean, domainCode: string | undefined, locale: Locale) {
  const recheck = inSql
    ? { ruleSet: await ratingRuleSetByVersion(q, stored.ruleSetVersion), recomputed: null, difference: null }
    : await recheckStoredRating(q, stored);
  const opts = { locale, ruleSet: recheck.ruleSet ?? CAS_2019_V1, asOf: stored.asOf };
  const domainOf = domainCode ? await contributionDomains(q, stored.contributions) : null;
  const shown = domainOf
    ? stored.contributions.filter((c) => domainOf.get(`${c.recordKind}|${c.recordId}`) === domainCode)
    : stored.contributions;
  return { recheck, opts, shown };
}

type Stored = Awaited<ReturnType<typeof storedRatings>>[number];
type Line = Stored['contributions'][number];

/**
 * The stored rating of the unit for the year, if any. A huge provisional rating is grouped and paged in SQL,
 * its lines never all read (decision 031): then `stored` comes without its lines.
 */
async function loadStored(q: Queryable, scope: Scope, unitId: number, year: number, status: StoredStatus | null, narrowed: boolean) {
  const head = status ? (await storedRatings(q, scope, year, status, [unitId], false))[0] : undefined;
  const lineCount = head ? await storedLineCount(q, head.id) : 0;
  const inSql = !narrowed && head?.status === 'provisional' && lineCount > RECHECK_PROVISIONAL_LINES;
  const stored = head && !inSql ? (await storedRatings(q, scope, year, head.status, [unitId]))[0] : head;
  return { stored, inSql, lineCount };
}

/** The lines listed: each rule with its first lines, and the page of one rule when `?rule=&page=` asks for it. */
interface ListedLines {
  groups: RuleGroup<Line>[];
  /** The rule asked for, if it has lines, and its page (clamped to the last). */
  rule: { group: RuleGroup<Line>; page: RulePage<Line> } | null;
}

const ruleAsked = (search: Record<string, string | string[] | undefined>) => (typeof search.rule === 'string' ? search.rule : undefined);
const pageAsked = (search: Record<string, string | string[] | undefined>) => Number(typeof search.page === 'string' ? search.page : '1');

/** The lines of a rating too large to read whole, grouped and paged in SQL. */
async function linesInSql(q: Queryable, ratingId: number, search: Record<string, string | string[] | undefined>): Promise<ListedLines> {
  const groups = await storedRuleGroups(q, ratingId, FIRST_LINES_PER_RULE);
  const group = groups.find((g) => g.rule === ruleAsked(search));
  if (!group) return { groups, rule: null };
  return { groups, rule: { group, page: await storedRulePage(q, ratingId, group.rule, group.count, pageAsked(search), RULE_PAGE_SIZE) } };
}

/** The lines shown (all, or one domain's), grouped and paged in memory. */
function linesInMemory(shown: readonly Line[], search: Record<string, string | string[] | undefined>): ListedLines {
  const groups = groupByRule(shown);
  const group = groups.find((g) => g.rule === ruleAsked(search));
  return { groups, rule: group ? { group, page: rulePage(shown, group.rule, pageAsked(search)) } : null };
}

/** The contributions by rule (first lines of each), or one rule's lines page by page (`?rule=&page=`). */
function RatingLines({
  stored,
  lines,
  shownPoints,
  recomputed,
  opts,
  withParams,
  t,
}: {
  stored: Stored;
  lines: ListedLines;
  /** The sum of the lines listed when narrowed to a domain; null shows the rating's points. */
  shownPoints: number | null;
  recomputed: Contribution[] | null;
  opts: ExplainOptions;
  withParams: (more: Record<string, string>) => string;
  t: T;
}) {
  const { locale } = opts;
  // Only the lines on the page are turned into sentences: an institute may have a hundred thousand.
  const explain = (cs: readonly Line[]): ShownLine[] =>
    explainStored(cs, recomputed, opts).map((line, i) => ({ line, reference: cs[i]!.recordExternalId }));
  const { groups, rule } = lines;
  return rule ? (
    <RuleLines
      rule={rule.group.rule}
      points={rule.group.points}
      floor={rule.group.floor}
      page={{ ...rule.page, items: explain(rule.page.items) }}
      hrefForPage={(p) => withParams({ rule: rule.group.rule, page: String(p) })}
      backHref={withParams({})}
      locale={locale}
      t={t}
    />
  ) : (
    <RuleGroups
      groups={groups.map((g) => ({ ...g, first: explain(g.first) }))}
      // Narrowed to a domain, the footer sums what is listed, as the filter line above it does.
      total={shownPoints ?? stored.points}
      hrefForRule={(rule) => withParams({ rule, page: '1' })}
      locale={locale}
      t={t}
    />
  );
}
