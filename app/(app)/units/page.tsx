import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { listUnitsInScope } from '@/db/units/units';
import { requireActor } from '@/server/auth/current-actor';
import { localName, toLocale } from '@/domain/i18n/locales';
import { PageHeader } from '@/components/page-header';
import { DataTable } from '@/components/data-table';

export async function generateMetadata() {
  return { title: (await getTranslations('units'))('title') };
}

export default async function UnitsPage() {
  const actor = await requireActor();
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  const rows = await listUnitsInScope(getDb(), actor.scope);
  const minDepth = Math.min(...rows.map((r) => r.depth));
  return (
    <div className="max-w-4xl">
      <PageHeader title={t('units.title')} subtitle={t('units.subtitle', { n: rows.length })} />
      <DataTable testId="unit-tree" columns={[{ label: t('units.name') }, { label: t('units.code') }, { label: t('units.kind') }]}>
        {rows.map((u) => (
          <tr key={u.id} className="border-t border-gray-100">
            <td className="px-4 py-1.5" style={{ paddingLeft: `${1 + (u.depth - minDepth) * 1.5}rem` }}>
              <Link href={`/units/${encodeURIComponent(u.code)}`} className="text-blue-700 hover:underline">
                {localName(locale, u)}
              </Link>
            </td>
            <td className="px-4 py-1.5 font-mono text-xs">{u.code}</td>
            <td className="px-4 py-1.5 text-gray-600">{t(`unitKinds.${u.kind}`)}</td>
          </tr>
        ))}
      </DataTable>
    </div>
  );
}
