import { getLocale, getTranslations } from 'next-intl/server';
import type { Actor } from '@/domain/auth/actor';
import { localName, toLocale } from '@/domain/i18n/locales';

/** "Whole academy" or "<unit> and its units", in the reader's language. */
export async function scopeText(actor: Actor): Promise<string> {
  const t = await getTranslations('header');
  if (actor.scope.all) return t('scopeAll');
  const locale = toLocale(await getLocale());
  return t('scopeUnit', { unit: localName(locale, { name: actor.unitName, nameEn: actor.unitNameEn }) });
}

export async function actorUnitName(actor: Actor): Promise<string> {
  return localName(toLocale(await getLocale()), { name: actor.unitName, nameEn: actor.unitNameEn });
}
