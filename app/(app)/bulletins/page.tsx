import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { listBulletins } from '@/db/bulletins/bulletins';
import { requireActor } from '@/server/auth/current-actor';
import { formatDateTime } from '@/domain/time/shanghai';
import { DataTable } from '@/components/data-table';
import { PageHeader } from '@/components/page-header';
import { Pagination } from '@/components/pagination';
import { scopeText } from '@/components/scope-text';

export async function generateMetadata() {
  return { title: (await getTranslations('bulletins'))('archiveTitle') };
}

const PER_PAGE = 24;
const querySchema = z.object({ page: z.coerce.number().int().min(1).catch(1) });

/** The archive of monthly bulletins, newest first. Every role reads it; each bulletin opens in the reader's scope. */
export default async function BulletinsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor();
  const t = await getTranslations();
  const q = querySchema.parse(await searchParams);
  const { rows, total } = await listBulletins(getDb(), q.page, PER_PAGE);
  const pages = Math.max(1, Math.ceil(total / PER_PAGE));

  return (
    <div className="max-w-4xl space-y-5">
      <PageHeader title={t('bulletins.archiveTitle')} subtitle={t('bulletins.archiveSubtitle', { scope: await scopeText(actor) })} />
      {total === 0 ? (
        <div className="rounded-lg border border-dashed border-gray-300 bg-white p-10 text-center" data-testid="bulletins-empty">
          <p className="font-medium text-gray-800">{t('bulletins.empty')}</p>
          <p className="mt-1 text-sm text-gray-500">{t('bulletins.emptyHint')}</p>
        </div>
      ) : (
        <>
          <DataTable
            testId="bulletins-table"
            columns={[{ label: t('bulletins.month') }, { label: t('bulletins.generatedAt') }, { label: t('bulletins.download') }]}
          >
            {rows.map((b) => (
              <tr key={b.month} className="border-t border-gray-100 hover:bg-gray-50" data-month={b.month}>
                <td className="px-4 py-2">
                  <Link href={`/bulletins/${b.month}`} className="font-medium text-blue-700 hover:underline">
                    {t('bulletins.title', { month: b.month })}
                  </Link>
                </td>
                <td className="px-4 py-2 text-gray-600">{formatDateTime(b.generatedAt)}</td>
                <td className="px-4 py-2">
                  <a href={`/bulletins/${b.month}/pdf`} className="text-blue-700 hover:underline">
                    PDF
                  </a>
                </td>
              </tr>
            ))}
          </DataTable>
          <Pagination
            page={q.page}
            pages={pages}
            hrefFor={(p) => `/bulletins?page=${p}`}
            labels={{
              previous: t('bulletins.previous'),
              next: t('bulletins.next'),
              showing: t('bulletins.showing', {
                from: Math.min(total, (q.page - 1) * PER_PAGE + 1),
                to: Math.min(total, q.page * PER_PAGE),
                total,
              }),
            }}
          />
        </>
      )}
    </div>
  );
}
