import zh from '@/domain/i18n/messages/zh-CN.json';
import en from '@/domain/i18n/messages/en.json';
import type { Locale } from '@/domain/i18n/locales';

const catalogues: Record<Locale, unknown> = { 'zh-CN': zh, en };

/**
 * Looks a message up outside React (CLI, API errors, server actions' validation) and fills `{name}`
 * placeholders. Unknown keys come back as the key, so a missing message is visible rather than blank.
 */
export function translate(locale: Locale, key: string, params: Record<string, string | number> = {}): string {
  const found = key
    .split('.')
    .reduce<unknown>(
      (node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined),
      catalogues[locale],
    );
  if (typeof found !== 'string') return key;
  return found.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
