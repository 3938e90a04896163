export const locales = ['zh-CN', 'en'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'zh-CN';
export const LOCALE_COOKIE = 'NEXT_LOCALE';

export function toLocale(value: string | null | undefined): Locale {
  return (locales as readonly string[]).includes(value ?? '') ? (value as Locale) : defaultLocale;
}

/** Picks the label of a row that carries both languages (domains, dimensions, units). */
export function localName(locale: Locale, row: { nameZh?: string | null; name?: string | null; nameEn?: string | null }): string {
  const zh = row.nameZh ?? row.name ?? '';
  return locale === 'en' ? row.nameEn || zh : zh;
}
