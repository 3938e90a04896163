import type { getTranslations } from 'next-intl/server';
import type { RatingsTable } from '@/features/rating/views/ratings-table';
import { formatDateTime } from '@/domain/time/shanghai';
import { publishYearAction, recomputeYearAction } from '@/server/actions/ratings';
import { ConfirmAction } from './confirm-action';

type T = Awaited<ReturnType<typeof getTranslations>>;

/** What the year's ratings are: none yet, provisional as of, final (computed, with which version), or published. */
export function yearStatusLine(
  { year, status, all }: Pick<RatingsTable, 'year' | 'status' | 'all'>,
  published: { publishedAt: Date | null; publishedBy: string | null },
  now: Date,
  t: T,
): string {
  if (all.length === 0 && status !== 'published') return t('ratings.statusNone', { year });
  if (status === 'provisional') return t('ratings.statusProvisional', { year, asOf: formatDateTime(all[0]?.asOf ?? now) });
  if (status === 'final') {
    const latestComputed = all.reduce<Date | null>((m, r) => (!m || r.computedAt > m ? r.computedAt : m), null);
    return t('ratings.statusFinal', { year, computedAt: formatDateTime(latestComputed), version: all[0]?.ruleSetVersion ?? '' });
  }
  return t('ratings.statusPublished', { year, at: formatDateTime(published.publishedAt), by: published.publishedBy ?? '—' });
}

/**
 * The year's status, and for the office, while the year is final: recompute it with the version in force,
 * or publish it once the counts per level it confirms are still the stored ones. A past year not rated
 * yet (status null) that holds records: rate it (the same recompute, confirmed and audited).
 */
export function YearStatus({
  year,
  status,
  line,
  office,
  t,
}: {
  year: number;
  status: RatingsTable['status'];
  line: string;
  /** Given when the office may recompute; `publish` when it may also publish (a final year). */
  office: { activeVersion: string; publish: { fingerprint: string; total: number; countsText: string } | null } | null;
  t: T;
}) {
  return (
    <div
      className={`flex flex-wrap items-center justify-between gap-3 rounded-lg border p-4 ${
        status === 'published' ? 'border-emerald-300 bg-emerald-50' : 'border-gray-200 bg-white'
      }`}
    >
      <p className="text-sm text-gray-800" data-testid="year-status" data-status={status ?? 'none'}>
        {line}
      </p>
      {office ? (
        <div className="flex flex-wrap gap-2">
          <ConfirmAction
            testId="recompute"
            action={recomputeYearAction}
            fields={{ year }}
            variant="quiet"
            label={t('ratings.recompute')}
            title={t('ratings.recomputeTitle', { year })}
            body={t('ratings.recomputeBody', { year, version: office.activeVersion })}
            confirmLabel={t('ratings.recomputeConfirm')}
            cancelLabel={t('ratings.cancel')}
          />
          {office.publish ? (
            <ConfirmAction
              testId="publish"
              action={publishYearAction}
              fields={{ year, expected: office.publish.fingerprint }}
              variant="danger"
              label={t('ratings.publish', { year })}
              title={t('ratings.publishTitle', { year })}
              body={t('ratings.publishBody', { total: office.publish.total, counts: office.publish.countsText })}
              confirmLabel={t('ratings.publishConfirm')}
              cancelLabel={t('ratings.cancel')}
            />
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
