import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { listRecords } from '@/db/queries/records';
import { isRecordKind } from '@/db/queries/record-kinds';
import { listDomains } from '@/db/queries/reference';
import { requireActor } from '@/lib/auth/current-actor';
import { localName, toLocale } from '@/lib/i18n/locales';
import { formatDateTime } from '@/lib/time';
import { PageHeader } from '@/components/page-header';
import { scopeText } from '@/components/scope-text';
import { Pagination } from '@/components/pagination';
import { StatusBadge } from '@/components/status-badge';
import { DataTable } from '@/components/data-table';

const querySchema = z.object({ page: z.coerce.number().int().min(1).max(100_000).catch(1) });

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
  const { page } = querySchema.parse(await searchParams);
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  const db = getDb();
  const result = listRecords(db, actor.scope, kind, { page });
  const domainNames = new Map(listDomains(db).map((d) => [d.code, localName(locale, d)]));
  const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
  const hasDomain = result.rows[0]?.domain !== null;
  const label = (value: string | number | null) =>
    value === null ? '' : kind === 'assessments' ? t(`stages.${value}` as 'stages.initiation') : String(value);

  return (
    <div>
      <PageHeader title={t(`kinds.${kind}`)} subtitle={await scopeText(actor)} />
      {result.total === 0 ? (
        <div className="rounded-lg border border-dashed border-gray-300 bg-white p-10 text-center">
          <p className="font-medium text-gray-800">{t('records.empty')}</p>
          <p className="mt-1 text-sm text-gray-500">{t('records.emptyHint')}</p>
        </div>
      ) : (
        <>
          <DataTable
            testId="record-list"
            columns={[
              { label: t('records.externalId') },
              { label: t('records.unit') },
              { label: t('records.date') },
              ...(hasDomain ? [{ label: t('records.domain') }] : []),
              { label: t('records.summary') },
              { label: t('records.status') },
            ]}
          >
            {result.rows.map((r) => (
              <tr key={r.id} className="border-t border-gray-100 hover:bg-gray-50">
                <td className="px-4 py-2 font-mono text-xs">
                  <Link href={`/records/${kind}/${r.id}`} className="text-blue-700 hover:underline">
                    {r.externalId}
                  </Link>
                </td>
                <td className="px-4 py-2">{localName(locale, { name: r.unitName, nameEn: r.unitNameEn })}</td>
                <td className="whitespace-nowrap px-4 py-2 tabular-nums">{formatDateTime(r.date)}</td>
                {r.domain !== null ? <td className="px-4 py-2">{domainNames.get(r.domain) ?? r.domain}</td> : null}
                <td className="max-w-md truncate px-4 py-2">{label(r.label)}</td>
                <td className="px-4 py-2">
                  <StatusBadge status={r.status} label={t(`status.${r.status}` as 'status.open')} />
                </td>
              </tr>
            ))}
          </DataTable>
          <Pagination
            page={result.page}
            pages={pages}
            hrefFor={(p) => `/records/${kind}?page=${p}`}
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
