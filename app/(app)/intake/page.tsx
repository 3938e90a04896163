import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { countRecordsByKind } from '@/db/dashboards/overview';
import { recordKindCodes } from '@/db/records/record-kinds';
import { requireActor } from '@/server/auth/current-actor';
import { PageHeader } from '@/components/page-header';
import { canSubmitRecords } from '@/domain/auth/roles';

export async function generateMetadata() {
  return { title: (await getTranslations('intake'))('title') };
}

export default async function IntakePage() {
  const actor = await requireActor();
  const t = await getTranslations();
  const counts = await countRecordsByKind(getDb(), actor.scope);
  return (
    <div className="max-w-3xl">
      <PageHeader title={t('intake.title')} subtitle={t('intake.subtitle')}>
        <div className="flex gap-2 text-sm">
          {canSubmitRecords(actor.role) ? (
            <Link href="/intake/import" className="rounded bg-red-800 px-3 py-1.5 font-medium text-white hover:bg-red-900">
              {t('importPage.open')}
            </Link>
          ) : null}
          <Link href="/intake/api" className="rounded border border-gray-300 bg-white px-3 py-1.5 text-blue-700 hover:underline">
            {t('importPage.api')}
          </Link>
        </div>
      </PageHeader>
      <ul className="divide-y divide-gray-100 rounded-lg border border-gray-200 bg-white">
        {recordKindCodes.map((kind) => (
          <li key={kind} className="flex items-center justify-between px-4 py-3">
            <Link href={`/records/${kind}`} className="text-blue-700 hover:underline">
              {t(`kinds.${kind}`)}
            </Link>
            <span className="tabular-nums text-gray-600">{counts[kind].toLocaleString('en-US')}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
