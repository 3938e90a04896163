'use server';

import { cookies } from 'next/headers';
import { LOCALE_COOKIE, toLocale } from '@/domain/i18n/locales';
import { secureCookies } from '@/server/actions/request-info';

/** Remembers the chosen language for a year in this browser. */
export async function setLocaleAction(locale: string): Promise<void> {
  (await cookies()).set(LOCALE_COOKIE, toLocale(locale), {
    path: '/',
    sameSite: 'lax',
    secure: await secureCookies(),
    maxAge: 365 * 24 * 60 * 60,
  });
}
