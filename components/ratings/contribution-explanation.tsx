import Link from 'next/link';
import type { getTranslations } from 'next-intl/server';
import type { Locale } from '@/domain/i18n/locales';
import type { Level } from '@/domain/reference/level-codes';
import type { RuleGroup, RulePage } from '@/domain/rating/contribution-groups';
import { ruleName, type ExplainedLine } from '@/domain/rating/explain';
import { LevelBadge } from '@/components/level-badge';
import { Pagination } from '@/components/pagination';
import { ExplainedLineText } from './explained-line';

type T = Awaited<ReturnType<typeof getTranslations>>;

/** One contribution as the page shows it: its sentence and the reference it links. */
export interface ShownLine {
  line: ExplainedLine;
  reference: string | null;
}

function Lines({ lines, start, t }: { lines: readonly ShownLine[]; start: number; t: T }) {
  return lines.map(({ line, reference }, i) => (
    <li key={line.key} className="flex items-start gap-3 px-4 py-2 text-sm" data-detailed={line.detailed}>
      <span className="w-10 shrink-0 text-right tabular-nums text-gray-400">{start + i + 1}</span>
      <span className="flex-1" data-testid="sentence">
        <ExplainedLineText text={line.text} reference={reference} href={line.href} />
        {line.detailed ? null : <span className="ml-2 text-xs text-gray-500">（{t('ratingDetail.undetailed')}）</span>}
      </span>
      {line.floor ? <LevelBadge level={line.floor} label={t(`levels.${line.floor}`)} /> : null}
    </li>
  ));
}

function GroupHead({ group, locale, t }: { group: Pick<RuleGroup<unknown>, 'rule' | 'count' | 'points' | 'floor'>; locale: Locale; t: T }) {
  const floor = group.floor as Level | null;
  return (
    <div className="flex flex-wrap items-center gap-3 bg-gray-50 px-4 py-2 text-sm">
      <span className="font-semibold">{ruleName(group.rule, locale)}</span>
      <span className="text-gray-700" data-testid="rule-summary">
        {t('ratingDetail.ruleSummary', { n: group.count, points: group.points })}
      </span>
      {floor ? <LevelBadge level={floor} label={t(`levels.${floor}`)} /> : null}
    </div>
  );
}

/**
 * The explanation summarised by rule: each rule's count, points and floor with its first lines, and a
 * link to all of its lines page by page. Its size depends on the number of rules, not of records.
 */
export function RuleGroups({
  groups,
  total,
  hrefForRule,
  locale,
  t,
}: {
  groups: readonly RuleGroup<ShownLine>[];
  total: number;
  hrefForRule: (rule: string) => string;
  locale: Locale;
  t: T;
}) {
  return (
    <div className="divide-y divide-gray-200 rounded-lg border border-gray-200 bg-white" data-testid="contributions">
      {groups.map((g) => (
        <section key={g.rule} data-testid="rule-group" data-rule={g.rule} data-count={g.count} data-points={g.points}>
          <GroupHead group={g} locale={locale} t={t} />
          <ol className="divide-y divide-gray-100">
            <Lines lines={g.first} start={0} t={t} />
          </ol>
          {g.count > g.first.length ? (
            <p className="px-4 py-2 text-sm">
              <Link href={hrefForRule(g.rule)} className="text-blue-700 hover:underline" data-testid="rule-see-all">
                {t('ratingDetail.ruleSeeAll', { n: g.count, rule: ruleName(g.rule, locale) })} →
              </Link>
            </p>
          ) : null}
        </section>
      ))}
      <p className="flex justify-end px-4 py-2 text-sm font-semibold" data-testid="contributions-total">
        {t('ratingDetail.total', { points: total })}
      </p>
    </div>
  );
}

/** Every line of one rule, a page at a time. */
export function RuleLines({
  rule,
  points,
  floor,
  page,
  hrefForPage,
  backHref,
  locale,
  t,
}: {
  rule: string;
  points: number;
  floor: Level | null;
  page: RulePage<ShownLine>;
  hrefForPage: (page: number) => string;
  backHref: string;
  locale: Locale;
  t: T;
}) {
  const last = page.offset + page.items.length;
  return (
    <div className="space-y-3">
      <p className="flex flex-wrap items-center gap-3 rounded-md bg-blue-50 px-3 py-2 text-sm text-blue-950" data-testid="rule-filter">
        <span>{t('ratingDetail.ruleOnly', { rule: ruleName(rule, locale), n: page.total, points })}</span>
        <Link href={backHref} className="text-blue-700 hover:underline">
          {t('ratingDetail.ruleBack')}
        </Link>
      </p>
      <div className="rounded-lg border border-gray-200 bg-white" data-testid="contributions">
        <section data-testid="rule-group" data-rule={rule} data-count={page.total} data-points={points}>
          <GroupHead group={{ rule, count: page.total, points, floor }} locale={locale} t={t} />
          <ol className="divide-y divide-gray-100">
            <Lines lines={page.items} start={page.offset} t={t} />
          </ol>
        </section>
      </div>
      <Pagination
        page={page.page}
        pages={page.pages}
        hrefFor={hrefForPage}
        labels={{
          previous: t('ratingDetail.previous'),
          next: t('ratingDetail.next'),
          showing: t('ratingDetail.showing', { from: page.total ? page.offset + 1 : 0, to: last, total: page.total }),
        }}
      />
    </div>
  );
}
