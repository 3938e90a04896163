'use client';

import { useTranslations } from 'next-intl';

// Shown instead of any stack trace when a page fails; the server has logged the error.
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations('errors');
  return (
    <div role="alert" className="mx-auto mt-10 max-w-lg rounded-lg border border-gray-200 bg-white p-8 text-center">
      <h1 className="text-lg font-semibold">{t('title')}</h1>
      <p className="mt-2 text-sm text-gray-600">{t('body')}</p>
      <button type="button" onClick={reset} className="mt-4 rounded-md bg-gray-900 px-4 py-2 text-sm text-white">
        {t('retry')}
      </button>
    </div>
  );
}
