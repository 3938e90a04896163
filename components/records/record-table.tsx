import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { Locale } from '@/domain/i18n/locales';
import type { RecordKind } from '@/domain/records/kinds';
import type { SortKey } from '@/domain/records/list-options';
import type { RecordListRow } from '@/domain/records/views';
import { formatDateTime } from '@/domain/time/shanghai';
import { StatusBadge } from '@/components/status-badge';
import { KindCells, KindHeaders, UnitCell } from './list-kind-columns';
import { listHref, nextSort, type ListQuery } from './list-query';

type T = Awaited<ReturnType<typeof getTranslations>>;

/** A page of a kind's records: reference, unit, date, domain, summary, the kind's own columns, status. */
export async function RecordTable({
  kind,
  query,
  rows,
  domainNames,
  locale,
  now,
}: {
  kind: RecordKind;
  query: ListQuery;
  rows: RecordListRow[];
  /** Null for a kind without a domain of its own (no domain column). */
  domainNames: Map<string, string> | null;
  locale: Locale;
  now: Date;
}) {
  const t = await getTranslations();
  const label = (value: string | number | null) =>
    value === null ? '' : kind === 'assessments' ? t(`stages.${value}` as 'stages.initiation') : String(value);
  return (
    <div className="overflow-x-auto rounded-lg border border-gray-200 bg-white">
      <table className="min-w-full text-sm" data-testid="record-list">
        <thead className="bg-gray-50 text-left text-gray-600">
          <tr>
            <SortableHeader kind={kind} query={query} sortKey="externalId" text={t('records.externalId')} t={t} />
            <th scope="col" className="px-4 py-2 font-medium">
              {t('records.unit')}
            </th>
            <SortableHeader kind={kind} query={query} sortKey="date" text={t(`recordList.dateOf.${kind}`)} t={t} />
            {domainNames ? (
              <th scope="col" className="px-4 py-2 font-medium">
                {t('records.domain')}
              </th>
            ) : null}
            <th scope="col" className="px-4 py-2 font-medium">
              {t('records.summary')}
            </th>
            <KindHeaders kind={kind} t={t} />
            <SortableHeader kind={kind} query={query} sortKey="status" text={t('records.status')} t={t} />
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const withdrawn = r.status === 'withdrawn';
            return (
              <tr
                key={r.id}
                className={`border-t border-gray-100 ${withdrawn ? 'bg-gray-50 text-gray-500' : 'hover:bg-gray-50'}`}
                data-withdrawn={withdrawn || undefined}
              >
                <td className="whitespace-nowrap px-4 py-2 font-mono text-xs">
                  <Link href={`/records/${kind}/${r.id}`} className={`text-blue-700 hover:underline ${withdrawn ? 'line-through' : ''}`}>
                    {r.externalId}
                  </Link>
                </td>
                <UnitCell row={r} locale={locale} />
                <td className="whitespace-nowrap px-4 py-2 tabular-nums">{formatDateTime(r.date)}</td>
                {domainNames ? <td className="px-4 py-2">{r.domain ? (domainNames.get(r.domain) ?? r.domain) : ''}</td> : null}
                <td className="max-w-md truncate px-4 py-2">{label(r.label)}</td>
                <KindCells kind={kind} row={r} t={t} locale={locale} now={now} />
                <td className="px-4 py-2">
                  <StatusBadge status={r.status} label={t(`status.${r.status}` as 'status.open')} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** A column header that sorts the list by its key, and says which way it is sorted. */
function SortableHeader({ kind, query, sortKey, text, t }: { kind: RecordKind; query: ListQuery; sortKey: SortKey; text: string; t: T }) {
  const sort = query.sort ?? 'date';
  const dir = query.dir ?? 'desc';
  const active = sort === sortKey;
  return (
    <th scope="col" className="px-4 py-2 font-medium" aria-sort={active ? (dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <Link
        href={listHref(kind, query, { ...nextSort(query, sortKey), page: undefined })}
        className="inline-flex items-center gap-1 hover:text-gray-900 hover:underline"
        data-sort={sortKey}
      >
        {text}
        <span aria-hidden="true" className={active ? 'text-gray-900' : 'text-gray-300'}>
          {active ? (dir === 'asc' ? '▲' : '▼') : '↕'}
        </span>
        {active ? <span className="sr-only">{t(dir === 'asc' ? 'recordList.sortedAsc' : 'recordList.sortedDesc')}</span> : null}
      </Link>
    </th>
  );
}

/** No records: either none match the filters (with a way back) or the kind has none in scope yet. */
export async function RecordListEmpty({ kind, filtered, canWrite }: { kind: RecordKind; filtered: boolean; canWrite: boolean }) {
  const t = await getTranslations();
  return (
    <div className="rounded-lg border border-dashed border-gray-300 bg-white p-10 text-center" data-testid="empty-state">
      {filtered ? (
        <>
          <p className="font-medium text-gray-800">{t('recordList.noMatch')}</p>
          <p className="mt-1 text-sm text-gray-500">{t('recordList.noMatchHint')}</p>
          <Link href={`/records/${kind}`} className="mt-3 inline-block text-sm text-blue-700 hover:underline">
            {t('recordList.clear')}
          </Link>
        </>
      ) : (
        <>
          <p className="font-medium text-gray-800">{t('records.empty')}</p>
          <p className="mt-1 text-sm text-gray-500">{t('records.emptyHint')}</p>
          <p className="mt-1 text-sm text-gray-500">
            {canWrite ? t('recordList.emptyWriter', { kind: t(`kindOne.${kind}`) }) : t('recordList.emptyReader')}
          </p>
        </>
      )}
    </div>
  );
}

/** The page header's button to file a new record of the kind. */
export async function NewRecordLink({ kind }: { kind: RecordKind }) {
  const t = await getTranslations();
  return (
    <Link
      href={`/records/${kind}/new`}
      className="rounded-md bg-red-700 px-4 py-2 text-sm font-medium text-white hover:bg-red-800"
      data-testid="new-record"
    >
      + {t('recordList.new', { kind: t(`kindOne.${kind}`) })}
    </Link>
  );
}
