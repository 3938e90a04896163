import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { countRecordsByKind } from '@/db/dashboards/overview';
import { pendingCorrections } from '@/db/records/corrections';
import { recordKindCodes } from '@/db/records/record-kinds';
import { requireActor } from '@/server/auth/current-actor';
import { PageHeader } from '@/components/page-header';

export async function generateMetadata() {
  return { title: (await getTranslations('nav'))('records') };
}

export default async function RecordsIndexPage() {
  const actor = await requireActor();
  const t = await getTranslations();
  const [counts, pendingRows] = await Promise.all([countRecordsByKind(getDb(), actor.scope), pendingCorrections(getDb(), actor.scope)]);
  const pending = pendingRows.length;
  return (
    <div>
      <PageHeader title={t('nav.records')} subtitle={t('records.allKinds')} />
      <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {recordKindCodes.map((kind) => (
          <li key={kind}>
            <Link href={`/records/${kind}`} className="block rounded-lg border border-gray-200 bg-white p-4 shadow-sm hover:border-red-800">
              <p className="text-sm text-gray-600">{t(`kinds.${kind}`)}</p>
              <p className="mt-1 text-2xl font-semibold tabular-nums">{counts[kind].toLocaleString('en-US')}</p>
            </Link>
          </li>
        ))}
        <li>
          <Link
            href="/records/corrections"
            className="block rounded-lg border border-gray-200 bg-white p-4 shadow-sm hover:border-red-800"
            data-testid="corrections-link"
          >
            <p className="text-sm text-gray-600">{t('corrections.pendingTitle')}</p>
            <p className="mt-1 text-2xl font-semibold tabular-nums">{pending.toLocaleString('en-US')}</p>
          </Link>
        </li>
      </ul>
    </div>
  );
}
