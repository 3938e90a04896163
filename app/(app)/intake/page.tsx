import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { countRecordsByKind } from '@/db/queries/overview';
import { recordKindCodes } from '@/db/queries/record-kinds';
import { requireActor } from '@/lib/auth/current-actor';
import { PageHeader } from '@/components/page-header';

export async function generateMetadata() {
  return { title: (await getTranslations('intake'))('title') };
}

export default async function IntakePage() {
  const actor = await requireActor();
  const t = await getTranslations();
  const counts = countRecordsByKind(getDb(), actor.scope);
  return (
    <div className="max-w-3xl">
      <PageHeader title={t('intake.title')} subtitle={t('intake.subtitle')} />
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
