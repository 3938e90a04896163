import type { RecordKind } from '@/db/records/record-kinds';
import type { Locale } from '@/domain/i18n/locales';
import { kindDefs } from '@/features/records/kinds';

/**
 * A field as the template heads its column: its label in the reader's language and its code ("事件等级
 * (tier)"), so an error or a change points at the column the user sees. An assessment's `dimensions.<code>`
 * is the dimension column followed by the dimension's code.
 */
export function columnLabeller(kind: RecordKind, locale: Locale): (field: string) => string {
  const fields = kindDefs[kind].fields;
  const label = new Map(fields.map((f) => [f.code, `${locale === 'en' ? f.labelEn : f.labelZh} (${f.code})`]));
  return (field) => {
    const dimension = /^dimensions\.([a-z][\w-]*)$/.exec(field);
    if (dimension) return `${label.get('dimension') ?? 'dimension'}: ${dimension[1]}`;
    return label.get(field) ?? field;
  };
}
