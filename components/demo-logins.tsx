import { getTranslations } from 'next-intl/server';
import { demoUsers } from '@/features/demo/demo-users';

/**
 * On a demo installation the login page says so and names the demo logins: a visitor otherwise has no way
 * to know which account shows what. The password is already public (README, start-up log, banner).
 */
export async function DemoLogins({ password }: { password: string }) {
  const t = await getTranslations();
  return (
    <section className="mb-4 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-xs text-amber-950" data-testid="demo-logins">
      <p className="font-semibold">{t('login.demoTitle')}</p>
      <p className="mt-1">{t('login.demoBody', { password })}</p>
      <ul className="mt-1 space-y-0.5">
        {demoUsers.map((u) => (
          <li key={u.login}>
            <code className="font-mono">{u.login}</code> · {t(`roles.${u.role}`)}
          </li>
        ))}
      </ul>
    </section>
  );
}
