import { getLocale, getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { listTokens, listUsers } from '@/db/queries/admin';
import { requireActor } from '@/lib/auth/current-actor';
import { canManageUsers } from '@/lib/auth/roles';
import { localName, toLocale } from '@/lib/i18n/locales';
import { formatDateTime } from '@/lib/time';
import { PageHeader } from '@/components/page-header';
import { Refusal } from '@/components/refusal';

export async function generateMetadata() {
  return { title: (await getTranslations('admin'))('title') };
}

export default async function AdminPage() {
  const actor = await requireActor();
  const t = await getTranslations();
  if (!canManageUsers(actor.role)) {
    return <Refusal testId="refusal" title={t('admin.title')} body={t('admin.notAllowed')} homeLabel={t('refusal.home')} />;
  }
  const locale = toLocale(await getLocale());
  const db = getDb();
  const users = listUsers(db);
  const tokens = listTokens(db);
  return (
    <div className="max-w-5xl space-y-8">
      <PageHeader title={t('admin.title')} />
      <section>
        <h2 className="mb-2 text-lg font-semibold">{t('admin.users')}</h2>
        <div className="overflow-x-auto rounded-lg border border-gray-200 bg-white">
          <table className="min-w-full text-sm" data-testid="user-list">
            <thead className="bg-gray-50 text-left text-gray-600">
              <tr>
                <th scope="col" className="px-4 py-2 font-medium">{t('admin.login')}</th>
                <th scope="col" className="px-4 py-2 font-medium">{t('admin.displayName')}</th>
                <th scope="col" className="px-4 py-2 font-medium">{t('admin.role')}</th>
                <th scope="col" className="px-4 py-2 font-medium">{t('admin.unit')}</th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id} className="border-t border-gray-100">
                  <td className="px-4 py-2 font-mono text-xs">{u.login}</td>
                  <td className="px-4 py-2">{u.displayName}</td>
                  <td className="px-4 py-2">{t(`roles.${u.role}`)}</td>
                  <td className="px-4 py-2">{localName(locale, { name: u.unitName, nameEn: u.unitNameEn })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section>
        <h2 className="mb-1 text-lg font-semibold">{t('admin.tokens')}</h2>
        <p className="mb-2 text-sm text-gray-500">{t('admin.tokensHint')}</p>
        {tokens.length > 0 ? (
          <ul className="divide-y divide-gray-100 rounded-lg border border-gray-200 bg-white text-sm">
            {tokens.map((k) => (
              <li key={k.id} className="flex justify-between px-4 py-2">
                <span className="font-mono text-xs">{k.prefix}… · {k.name} · {k.login}</span>
                <span className="text-gray-500">{formatDateTime(k.lastUsedAt ?? k.createdAt)}</span>
              </li>
            ))}
          </ul>
        ) : null}
      </section>
    </div>
  );
}
