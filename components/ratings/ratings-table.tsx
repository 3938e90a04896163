import Link from 'next/link';
import type { getTranslations } from 'next-intl/server';
import {
  distinctFloors,
  levelChange,
  type LevelChange,
  type RatingsTable as RatingsTableView,
} from '@/features/rating/views/ratings-table';
import { localName, type Locale } from '@/domain/i18n/locales';
import { ruleName } from '@/domain/rating/explain';
import type { Level } from '@/domain/reference/level-codes';
import { formatDateTime } from '@/domain/time/shanghai';
import { DataTable } from '@/components/data-table';
import { LevelBadge } from '@/components/level-badge';

type T = Awaited<ReturnType<typeof getTranslations>>;
type Row = RatingsTableView['rows'][number];

/** The year's ratings, one row per institute: level, points, floors, change since last year, status. */
export function RatingsTable({
  view: { year, rows, previous, differ },
  locale,
  t,
}: {
  view: Pick<RatingsTableView, 'year' | 'rows' | 'previous' | 'differ'>;
  locale: Locale;
  t: T;
}) {
  return (
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
      {rows.map((r) => (
        <RatingRow
          key={r.id}
          r={r}
          year={year}
          before={previous.get(r.instituteId)}
          differs={differ.has(r.instituteId)}
          locale={locale}
          t={t}
        />
      ))}
    </DataTable>
  );
}

function RatingRow({
  r,
  year,
  before,
  differs,
  locale,
  t,
}: {
  r: Row;
  year: number;
  before: Level | undefined;
  differs: boolean;
  locale: Locale;
  t: T;
}) {
  const word = (l: Level) => t(`levels.${l}`);
  const floors = distinctFloors(r);
  return (
    <tr className="border-t border-gray-100 align-top hover:bg-gray-50" data-unit={r.unitCode} data-level={r.level}>
      <td className="px-3 py-2">
        <Link href={`/ratings/${year}/${encodeURIComponent(r.unitCode)}`} className="text-blue-700 hover:underline">
          {localName(locale, { name: r.unitName, nameEn: r.unitNameEn })}
        </Link>
        <span className="block font-mono text-xs text-gray-500">{r.unitCode}</span>
      </td>
      <td className="px-3 py-2 text-gray-700">{r.branchCode ? localName(locale, { name: r.branchName, nameEn: r.branchNameEn }) : '—'}</td>
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
              <li key={`${f.floor}|${f.rule}`}>{t('ratings.floorItem', { level: word(f.floor), rule: ruleName(f.rule, locale) })}</li>
            ))}
          </ul>
        )}
      </td>
      <td className="px-3 py-2 text-xs" data-testid="change">
        <Change change={levelChange(r.level, before)} before={before} t={t} />
      </td>
      <td className="px-3 py-2 text-xs">
        {t(`ratings.statusWord.${r.status}`)}
        {differs ? (
          <span className="mt-0.5 block font-medium text-amber-800" data-testid="differs-mark">
            ⚠ {t('ratings.differsMark')}
          </span>
        ) : null}
      </td>
      <td className="px-3 py-2 text-xs tabular-nums text-gray-600">{formatDateTime(r.computedAt)}</td>
    </tr>
  );
}

function Change({ change, before, t }: { change: LevelChange; before: Level | undefined; t: T }) {
  if (change === 'none' || !before) return <span className="text-gray-500">{t('ratings.changeNone')}</span>;
  const level = t(`levels.${before}`);
  if (change === 'worse') return <span className="font-medium text-red-800">{t('ratings.changeWorse', { level })}</span>;
  if (change === 'better') return <span className="font-medium text-emerald-800">{t('ratings.changeBetter', { level })}</span>;
  return <span className="text-gray-600">{t('ratings.changeSame', { level })}</span>;
}
