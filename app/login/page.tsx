import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { LoginForm } from '@/components/login-form';
import { LocaleSwitch } from '@/components/locale-switch';
import { BeaconMark } from '@/components/shell/beacon-mark';
import { currentActor } from '@/server/auth/current-actor';
import { getDb } from '@/db/client';
import { getSetting } from '@/db/settings';
import { DEMO_DATA_SETTING } from '@/features/demo/insert-dataset';
import { DemoLogins } from '@/components/demo-logins';
import { DEMO_PASSWORD } from '@/server/startup/bootstrap';

export async function generateMetadata() {
  return { title: (await getTranslations('login'))('title') };
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string; loggedOut?: string }> }) {
  if (await currentActor()) redirect('/');
  const params = await searchParams;
  const t = await getTranslations();
  const isDemo = (await getSetting(getDb(), DEMO_DATA_SETTING)) !== undefined;
  return (
    <main className="flex min-h-screen items-center justify-center bg-gradient-to-b from-red-950 to-gray-900 px-4">
      <div className="w-full max-w-sm rounded-xl bg-white p-8 shadow-xl">
        <div className="mb-6 flex items-center justify-between">
          <div className="flex items-center gap-3">
            <BeaconMark className="h-10 w-10" />
            <div>
              <p className="text-xl font-bold text-gray-900">{t('app.name')}</p>
              <p className="text-xs text-gray-500">{t('app.tagline')}</p>
            </div>
          </div>
        </div>
        <h1 className="text-lg font-semibold text-gray-900">{t('login.title')}</h1>
        <p className="mb-4 text-sm text-gray-500">{t('login.subtitle')}</p>
        {params.loggedOut ? (
          <p role="status" className="mb-4 rounded-md bg-blue-50 px-3 py-2 text-sm text-blue-800">
            {t('login.loggedOut')}
          </p>
        ) : null}
        {isDemo ? <DemoLogins password={DEMO_PASSWORD} /> : null}
        <LoginForm next={params.next} />
        <div className="mt-6 flex justify-center">
          <LocaleSwitch />
        </div>
      </div>
    </main>
  );
}
