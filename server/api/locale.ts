import type { Locale } from '@/domain/i18n/locales';

/** API messages follow Accept-Language: Chinese when the client prefers it, English otherwise. */
export function apiLocale(req: Request): Locale {
  const header = req.headers.get('accept-language') ?? '';
  const first = header.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('zh') ? 'zh-CN' : 'en';
}
