import { getLocale, getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { listTokens, listUsers } from '@/db/auth/admin';
import { listUnitsInScope } from '@/db/units/units';
import { requireActor } from '@/server/auth/current-actor';
import { canManageUsers } from '@/domain/auth/roles';
import { localName, toLocale, type Locale } from '@/domain/i18n/locales';
import { formatDateTime } from '@/domain/time/shanghai';
import { PageHeader } from '@/components/page-header';
import { DataTable } from '@/components/data-table';
import { Refusal } from '@/components/refusal';
import { CreateUserForm } from '@/components/admin/create-user-form';
import { CreateTokenForm } from '@/components/admin/create-token-form';
import { RevokeTokenButton } from '@/components/admin/revoke-token-button';

type User = Awaited<ReturnType<typeof listUsers>>[number];

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
  const [users, tokens, scopeUnits] = await Promise.all([listUsers(db), listTokens(db), listUnitsInScope(db, actor.scope)]);
  const units = scopeUnits.map((u) => ({
    code: u.code,
    label: `${'　'.repeat(Math.max(0, u.depth - 1))}${localName(locale, u)} (${u.code})`,
  }));
  return (
    <div className="max-w-5xl space-y-8">
      <PageHeader title={t('admin.title')} />
      <UsersSection users={users} units={units} locale={locale} />
      <TokensSection users={users} tokens={tokens} />
    </div>
  );
}

/** A part of the page under its own heading, which names it for assistive technology. */
function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="space-y-3">
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

/** Who may sign in, and the form that adds a user. */
async function UsersSection({ users, units, locale }: { users: User[]; units: { code: string; label: string }[]; locale: Locale }) {
  const t = await getTranslations();
  return (
    <Section id="users-heading" title={t('admin.users')}>
      <DataTable
        testId="user-list"
        columns={[{ label: t('admin.login') }, { label: t('admin.displayName') }, { label: t('admin.role') }, { label: t('admin.unit') }]}
      >
        {users.map((u) => (
          <tr key={u.id} className="border-t border-gray-100">
            <td className="px-4 py-2 font-mono text-xs">{u.login}</td>
            <td className="px-4 py-2">{u.displayName}</td>
            <td className="px-4 py-2">{t(`roles.${u.role}`)}</td>
            <td className="px-4 py-2">{localName(locale, { name: u.unitName, nameEn: u.unitNameEn })}</td>
          </tr>
        ))}
      </DataTable>
      <div className="rounded-lg border border-gray-200 bg-white p-4">
        <h3 className="mb-3 font-medium">{t('admin.createUser')}</h3>
        <CreateUserForm units={units} />
      </div>
    </Section>
  );
}

/** The API tokens, the form that issues one, and the button that revokes one. */
async function TokensSection({ users, tokens }: { users: User[]; tokens: Awaited<ReturnType<typeof listTokens>> }) {
  const t = await getTranslations();
  return (
    <Section id="tokens-heading" title={t('admin.tokens')}>
      <div className="rounded-lg border border-gray-200 bg-white p-4">
        <h3 className="mb-3 font-medium">{t('admin.createToken')}</h3>
        <CreateTokenForm
          logins={users.filter((u) => u.active).map((u) => ({ login: u.login, label: `${u.login} · ${t(`roles.${u.role}`)}` }))}
        />
      </div>
      {tokens.length === 0 ? (
        <p className="text-sm text-gray-500">{t('admin.noTokens')}</p>
      ) : (
        <DataTable
          testId="token-list"
          columns={[
            { label: t('admin.prefix') },
            { label: t('admin.name') },
            { label: t('admin.user') },
            { label: t('admin.createdAt') },
            { label: t('admin.lastUsed') },
            { label: t('admin.status'), align: 'right' },
          ]}
        >
          {tokens.map((k) => (
            <tr key={k.id} className="border-t border-gray-100" data-token-name={k.name}>
              <td className="px-4 py-2 font-mono text-xs">{k.prefix}…</td>
              <td className="px-4 py-2">{k.name}</td>
              <td className="px-4 py-2 font-mono text-xs">{k.login}</td>
              <td className="whitespace-nowrap px-4 py-2 tabular-nums">{formatDateTime(k.createdAt)}</td>
              <td className="whitespace-nowrap px-4 py-2 tabular-nums">{k.lastUsedAt ? formatDateTime(k.lastUsedAt) : t('admin.never')}</td>
              <td className="px-4 py-2 text-right">
                {k.revokedAt ? (
                  <span className="text-xs text-gray-500">
                    {t('admin.revokedAt')} {formatDateTime(k.revokedAt)}
                  </span>
                ) : (
                  <RevokeTokenButton tokenId={k.id} />
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </Section>
  );
}
