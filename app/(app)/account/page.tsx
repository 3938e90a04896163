import { getTranslations } from 'next-intl/server';
import { requireActor } from '@/server/auth/current-actor';
import { PageHeader } from '@/components/page-header';
import { ChangePasswordForm } from '@/components/account/change-password-form';

export async function generateMetadata() {
  return { title: (await getTranslations('security'))('accountTitle') };
}

/** The signed-in person's own account: who they are, and changing their password. */
export default async function AccountPage() {
  const actor = await requireActor();
  const t = await getTranslations();
  return (
    <div className="max-w-xl space-y-6">
      <PageHeader title={t('security.accountTitle')} subtitle={`${actor.displayName} · ${actor.login} · ${t(`roles.${actor.role}`)}`} />
      <section aria-labelledby="password-heading" className="space-y-3 rounded-lg border border-gray-200 bg-white p-6">
        <h2 id="password-heading" className="text-lg font-semibold">
          {t('security.changePassword')}
        </h2>
        <p className="text-sm text-gray-600">{t('security.changePasswordHelp')}</p>
        <ChangePasswordForm />
      </section>
    </div>
  );
}
