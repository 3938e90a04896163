'use client';

import { useTransition } from 'react';
import { useRouter } from 'next/navigation';
import { useLocale, useTranslations } from 'next-intl';
import { setLocaleAction } from '@/server/actions/locale';
import { locales } from '@/domain/i18n/locales';

export function LocaleSwitch() {
  const t = useTranslations('locale');
  const current = useLocale();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <div role="group" aria-label={t('switch')} className="inline-flex overflow-hidden rounded-md border border-gray-300 text-sm">
      {locales.map((locale) => (
        <button
          key={locale}
          type="button"
          lang={locale}
          aria-pressed={current === locale}
          disabled={pending}
          onClick={() =>
            startTransition(async () => {
              await setLocaleAction(locale);
              router.refresh();
            })
          }
          className={`px-2.5 py-1 ${current === locale ? 'bg-gray-800 text-white' : 'bg-white text-gray-700 hover:bg-gray-100'}`}
        >
          {t(locale)}
        </button>
      ))}
    </div>
  );
}
