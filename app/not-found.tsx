import Link from 'next/link';
import { getTranslations } from 'next-intl/server';

export default async function NotFound() {
  const t = await getTranslations();
  return (
    <main className="flex min-h-screen flex-col items-center justify-center gap-4">
      <h1 className="text-xl font-semibold">{t('errors.notFound')}</h1>
      <Link href="/" className="text-blue-700 hover:underline">
        {t('refusal.home')}
      </Link>
    </main>
  );
}
