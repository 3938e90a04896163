import type { Locale } from '@/domain/i18n/locales';
import { translate } from '@/domain/i18n/translate';

// A coded column of a spreadsheet (status, severity, stage, tier, source, domain, dimension…) takes its
// code or its label in either language, as people type what they read on screen: "重大", "Major", "major"
// and "Ⅱ级 重大" alike. The labels are the interface's own, so the template, the pages and the import agree.

export interface OptionLabel {
  zh: string;
  en: string;
}

/** Where a field's option labels live in the message catalogue. */
const catalogue: Record<string, string[]> = {
  status: ['status'],
  severity: ['severity'],
  stage: ['stages'],
  tier: ['tiers', 'explain.tier'],
  source: ['recordForms.sources'],
  kind: ['recordForms.inspectionKinds'],
};

const ROMAN = ['I', 'II', 'III', 'IV', 'V'];

/** Reference names (domains, dimensions) by code, for the fields whose options are data. */
export type ReferenceNames = Partial<Record<string, ReadonlyMap<string, OptionLabel>>>;

/** The labels of one coded field's options, in both languages (the first catalogue entry), if it has any. */
export function optionLabels(
  field: string,
  options: readonly string[],
  reference: ReferenceNames = {},
): Record<string, OptionLabel> | undefined {
  const names = reference[field];
  if (names) return Object.fromEntries(options.filter((o) => names.has(o)).map((o) => [o, names.get(o)!]));
  const spaces = catalogue[field];
  if (!spaces) return undefined;
  const say = (locale: Locale, o: string) => translate(locale, `${spaces[0]}.${o}`);
  return Object.fromEntries(options.map((o) => [o, { zh: say('zh-CN', o), en: say('en', o) }]));
}

/** How a typed label is compared: width-folded (Ⅱ → II, full-width letters), case- and space-insensitive. */
export function labelKey(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}

/** Every spelling that names an option of the field → its code. */
export function labelAliases(field: string, options: readonly string[], reference: ReferenceNames = {}): Map<string, string> {
  const out = new Map<string, string>();
  const add = (text: string, code: string) => {
    const key = labelKey(text);
    if (key && !out.has(key)) out.set(key, code);
  };
  for (const o of options) add(o, o);
  for (const [code, label] of Object.entries(optionLabels(field, options, reference) ?? {})) {
    add(label.zh, code);
    add(label.en, code);
  }
  for (const space of (catalogue[field] ?? []).slice(1))
    for (const o of options) for (const locale of ['zh-CN', 'en'] as const) add(translate(locale, `${space}.${o}`), o);
  if (field === 'tier')
    for (const o of options) {
      const roman = ROMAN[Number(o) - 1]!;
      for (const spelling of [roman, `${roman}级`, `tier${roman}`, `tier${o}`, `${o}级`]) add(spelling, o);
    }
  return out;
}
