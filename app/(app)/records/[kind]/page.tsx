import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { kindFilters, type SortKey } from '@/domain/records/list-options';
import { kindStatuses } from '@/db/records/filters';
import { listRecords } from '@/db/records/list';
import { isRecordKind, recordKinds } from '@/db/queries/record-kinds';
import { listDimensions, listDomains } from '@/db/queries/reference';
import { listUnitsInScope } from '@/db/queries/units';
import { requireActor } from '@/server/auth/current-actor';
import { canSubmitRecords } from '@/domain/auth/roles';
import { localName, toLocale } from '@/domain/i18n/locales';
import { DAY_MS, formatDateTime } from '@/domain/time/shanghai';
import { parseInstant } from '@/domain/records/instant';
import { levels } from '@/domain/reference/level-codes';
import { PageHeader } from '@/components/page-header';
import { scopeText } from '@/components/scope-text';
import { Pagination } from '@/components/pagination';
import { StatusBadge } from '@/components/status-badge';
import { ListFilters } from '@/components/records/list-filters';
import { KindCells, KindHeaders, UnitCell } from '@/components/records/list-kind-columns';
import { hasFilters, listHref, listQuerySchema, matrixCell, nextSort } from '@/components/records/list-query';

export async function generateMetadata({ params }: { params: Promise<{ kind: string }> }) {
  const { kind } = await params;
  return { title: isRecordKind(kind) ? (await getTranslations('kinds'))(kind) : undefined };
}

const day = (text: string | undefined) => {
  if (!text) return undefined;
  const parsed = parseInstant(text);
  return parsed.ok ? parsed.value : undefined;
};

export default async function RecordListPage({
  params,
  searchParams,
}: {
  params: Promise<{ kind: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireActor();
  const { kind } = await params;
  if (!isRecordKind(kind)) notFound();
  const query = listQuerySchema.parse(await searchParams);
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  const db = getDb();
  const now = new Date();

  const units = listUnitsInScope(db, actor.scope);
  const unit = units.find((u) => u.code === query.unit);
  const statuses = kindStatuses[kind];
  const hasDomain = recordKinds[kind].domain !== null;
  // Assessments have no domain of their own but can be filtered by their project's.
  const filtersDomain = hasDomain || kind === 'assessments';
  const extra = kindFilters[kind];
  const to = day(query.to);
  const result = listRecords(db, actor.scope, kind, {
    page: query.page,
    status: query.status && statuses.includes(query.status) ? query.status : undefined,
    domain: filtersDomain ? query.domain : undefined,
    severity: query.severity,
    tier: query.tier,
    level: query.level,
    state: query.state,
    now,
    dimension: query.dimension,
    stage: query.stage,
    cell: matrixCell(query),
    unitPath: unit?.path,
    from: day(query.from),
    to: to ? new Date(to.getTime() + DAY_MS) : undefined,
    q: query.q,
    sort: query.sort,
    dir: query.dir,
  });
  const domains = listDomains(db);
  const domainNames = new Map(domains.map((d) => [d.code, localName(locale, d)]));
  const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
  const label = (value: string | number | null) =>
    value === null ? '' : kind === 'assessments' ? t(`stages.${value}` as 'stages.initiation') : String(value);
  const canWrite = canSubmitRecords(actor.role);
  const sort = query.sort ?? 'date';
  const dir = query.dir ?? 'desc';

  const sortable = (key: SortKey, text: string) => {
    const active = sort === key;
    return (
      <th scope="col" className="px-4 py-2 font-medium" aria-sort={active ? (dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
        <Link
          href={listHref(kind, query, { ...nextSort(query, key), page: undefined })}
          className="inline-flex items-center gap-1 hover:text-gray-900 hover:underline"
          data-sort={key}
        >
          {text}
          <span aria-hidden="true" className={active ? 'text-gray-900' : 'text-gray-300'}>
            {active ? (dir === 'asc' ? '▲' : '▼') : '↕'}
          </span>
          {active ? <span className="sr-only">{t(dir === 'asc' ? 'recordList.sortedAsc' : 'recordList.sortedDesc')}</span> : null}
        </Link>
      </th>
    );
  };

  return (
    <div>
      <PageHeader title={t(`kinds.${kind}`)} subtitle={await scopeText(actor)}>
        {canWrite ? (
          <Link
            href={`/records/${kind}/new`}
            className="rounded-md bg-red-700 px-4 py-2 text-sm font-medium text-white hover:bg-red-800"
            data-testid="new-record"
          >
            + {t('recordList.new', { kind: t(`kindOne.${kind}`) })}
          </Link>
        ) : null}
      </PageHeader>
      <ListFilters
        kind={kind}
        query={query}
        statuses={statuses.map((s) => ({ value: s, label: t(`status.${s}` as 'status.open') }))}
        domains={filtersDomain ? domains.map((d) => ({ value: d.code, label: localName(locale, d) })) : null}
        extra={{
          state: extra.states.map((s) => ({ value: s, label: t(`domains.listFilter.states.${s}`) })),
          severity: extra.severity ? (['general', 'major'] as const).map((s) => ({ value: s, label: t(`severity.${s}`) })) : null,
          tier: extra.tier
            ? [
                { value: 'serious', label: t('domains.listFilter.tierSerious') },
                ...[1, 2, 3, 4].map((n) => ({ value: String(n), label: t(`tiers.${n}` as 'tiers.1') })),
              ]
            : null,
          level: extra.level ? levels.map((l) => ({ value: l, label: t(`levels.${l}`) })) : null,
        }}
        units={units.map((u) => ({ value: u.code, label: `${'　'.repeat(Math.max(0, u.depth - 1))}${localName(locale, u)}` }))}
        labels={{
          ...Object.fromEntries(listDimensions(db).map((d) => [`dimension:${d.code}`, localName(locale, d)])),
          ...(query.stage ? { [`stage:${query.stage}`]: t(`stages.${query.stage}`) } : {}),
          ...(query.cell ? { [`cell:${query.cell}`]: t('recordList.cellValue', { l: query.cell[0]!, i: query.cell[2]! }) } : {}),
        }}
      />
      {result.total === 0 ? (
        <div className="rounded-lg border border-dashed border-gray-300 bg-white p-10 text-center" data-testid="empty-state">
          {hasFilters(query) ? (
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
      ) : (
        <>
          <div className="overflow-x-auto rounded-lg border border-gray-200 bg-white">
            <table className="min-w-full text-sm" data-testid="record-list">
              <thead className="bg-gray-50 text-left text-gray-600">
                <tr>
                  {sortable('externalId', t('records.externalId'))}
                  <th scope="col" className="px-4 py-2 font-medium">
                    {t('records.unit')}
                  </th>
                  {sortable('date', t(`recordList.dateOf.${kind}`))}
                  {hasDomain ? (
                    <th scope="col" className="px-4 py-2 font-medium">
                      {t('records.domain')}
                    </th>
                  ) : null}
                  <th scope="col" className="px-4 py-2 font-medium">
                    {t('records.summary')}
                  </th>
                  <KindHeaders kind={kind} t={t} />
                  {sortable('status', t('records.status'))}
                </tr>
              </thead>
              <tbody>
                {result.rows.map((r) => {
                  const withdrawn = r.status === 'withdrawn';
                  return (
                    <tr
                      key={r.id}
                      className={`border-t border-gray-100 ${withdrawn ? 'bg-gray-50 text-gray-500' : 'hover:bg-gray-50'}`}
                      data-withdrawn={withdrawn || undefined}
                    >
                      <td className="whitespace-nowrap px-4 py-2 font-mono text-xs">
                        <Link
                          href={`/records/${kind}/${r.id}`}
                          className={`text-blue-700 hover:underline ${withdrawn ? 'line-through' : ''}`}
                        >
                          {r.externalId}
                        </Link>
                      </td>
                      <UnitCell row={r} locale={locale} />
                      <td className="whitespace-nowrap px-4 py-2 tabular-nums">{formatDateTime(r.date)}</td>
                      {hasDomain ? <td className="px-4 py-2">{r.domain ? (domainNames.get(r.domain) ?? r.domain) : ''}</td> : null}
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
          <Pagination
            page={result.page}
            pages={pages}
            hrefFor={(p) => listHref(kind, query, { page: p })}
            labels={{
              previous: t('records.previous'),
              next: t('records.next'),
              showing: t('records.showing', { total: result.total, page: result.page, pages }),
            }}
          />
        </>
      )}
    </div>
  );
}
