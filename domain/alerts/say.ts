import type { Locale } from '@/domain/i18n/locales';
import { translate } from '@/domain/i18n/translate';
import { formatDate } from '@/domain/time/shanghai';
import type { AlertFacts } from '@/domain/alerts/types';

type Param = string | number | ((locale: Locale) => string);

/** A message in both languages, from `alerts.msg.<key>` with parameters that may differ by language. */
export function say(key: string, params: Record<string, Param>): { messageZh: string; messageEn: string } {
  const at = (locale: Locale) =>
    translate(
      locale,
      `alerts.msg.${key}`,
      Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === 'function' ? v(locale) : v])),
    );
  return { messageZh: at('zh-CN'), messageEn: at('en') };
}

/** A unit's name in the reader's language, with its code. */
export const unitName = (facts: Pick<AlertFacts, 'units'>, id: number) => (locale: Locale) => {
  const u = facts.units.get(id);
  if (!u) return `#${id}`;
  return `${locale === 'en' ? (u.nameEn ?? u.name) : u.name} (${u.code})`;
};

export const domainName = (facts: Pick<AlertFacts, 'domains'>, code: string) => (locale: Locale) => {
  const d = facts.domains.get(code);
  return d ? (locale === 'en' ? d.en : d.zh) : code;
};

export const levelName = (level: string) => (locale: Locale) => translate(locale, `levels.${level}`);
export const tierName = (tier: number) => (locale: Locale) => translate(locale, `tiers.${tier}`);
export const day = (at: Date) => formatDate(at);
