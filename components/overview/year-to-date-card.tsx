import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { YearToDateView } from '@/features/dashboards/views/overview';
import { sameClass, TableHead } from '@/components/table-head';

interface YtdRow {
  key: string;
  label: string;
  now: number;
  last: number;
  href: string;
}

/** Incidents by tier and hazards by severity this year to date, beside the same stretch of last year. */
export async function YearToDateCard({ view }: { view: Promise<YearToDateView> }) {
  const { incidents: inc, hazards: haz, rectification: status, window: w, lastTo } = await view;
  const t = await getTranslations();
  const list = (kind: string, extra: string) => `/records/${kind}?from=${w.fromDay}&to=${w.toDay}&state=current${extra}`;
  const rows: YtdRow[] = [
    ...[1, 2, 3, 4].map((tier, i) => ({
      key: `tier-${tier}`,
      label: t(`tiers.${tier}` as 'tiers.1'),
      now: inc.tiers[i]!,
      last: inc.lastTiers[i]!,
      href: list('incidents', `&tier=${tier}`),
    })),
    {
      key: 'major',
      label: t('overview.ytd.majorHazards'),
      now: haz.now.major,
      last: haz.last.major,
      href: list('hazards', '&severity=major'),
    },
    {
      key: 'general',
      label: t('overview.ytd.generalHazards'),
      now: haz.now.general,
      last: haz.last.general,
      href: list('hazards', '&severity=general'),
    },
  ];
  return (
    <section className="rounded-lg border border-gray-200 bg-white p-4 shadow-sm" data-testid="card-ytd">
      <h2 className="text-base font-semibold text-gray-900">{t('overview.ytd.title')}</h2>
      <p className="text-xs text-gray-500">{t('overview.ytd.hint', { lastTo })}</p>
      <YtdTable rows={rows} />
      <Rectification status={status} />
    </section>
  );
}

/** This year against last year, row by row, each count linking to the records it counts. */
async function YtdTable({ rows }: { rows: YtdRow[] }) {
  const t = await getTranslations();
  return (
    <table className="mt-2 min-w-full text-sm">
      <TableHead
        row="border-b border-gray-200 text-left text-xs text-gray-600"
        cells={[
          [t('overview.ytd.what'), 'py-1.5 font-medium'],
          ...sameClass([t('overview.ytd.thisYear'), t('overview.ytd.lastYear'), t('overview.ytd.change')], 'py-1.5 text-right font-medium'),
        ]}
      />
      <tbody>
        {rows.map((r) => {
          const diff = r.now - r.last;
          return (
            <tr key={r.key} className="border-b border-gray-100" data-row={r.key}>
              <th scope="row" className="py-1.5 text-left font-normal">
                {r.label}
              </th>
              <td className="py-1.5 text-right tabular-nums">
                <Link prefetch={false} href={r.href} className="text-blue-700 hover:underline" data-testid="ytd-count">
                  {r.now}
                </Link>
              </td>
              <td className="py-1.5 text-right tabular-nums text-gray-600">{r.last}</td>
              <td className={`py-1.5 text-right tabular-nums ${diff > 0 ? 'text-red-700' : diff < 0 ? 'text-green-700' : 'text-gray-500'}`}>
                {diff > 0 ? `▲ ${diff}` : diff < 0 ? `▼ ${-diff}` : '—'}
                <span className="sr-only">
                  {diff > 0 ? t('overview.ytd.up') : diff < 0 ? t('overview.ytd.down') : t('overview.ytd.same')}
                </span>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** Hazards waiting for rectification now: open, overdue, major overdue. */
async function Rectification({ status }: { status: YearToDateView['rectification'] }) {
  const t = await getTranslations();
  return (
    <div className="mt-3 grid grid-cols-3 gap-2 text-center text-sm" data-testid="rectification">
      <Link prefetch={false} href="/records/hazards?status=open" className="rounded bg-gray-50 p-2 hover:bg-gray-100">
        <div className="text-xs text-gray-600">{t('overview.ytd.open')}</div>
        <div className="text-lg font-semibold tabular-nums">{status.open}</div>
      </Link>
      <div className="rounded bg-orange-50 p-2">
        <div className="text-xs text-gray-600">{t('overview.ytd.overdue')}</div>
        <div className="text-lg font-semibold tabular-nums text-orange-800">{status.overdue}</div>
      </div>
      <div className="rounded bg-red-50 p-2">
        <div className="text-xs text-gray-600">{t('overview.ytd.majorOverdue')}</div>
        <div className="text-lg font-semibold tabular-nums text-red-800">{status.majorOverdue}</div>
      </div>
    </div>
  );
}
