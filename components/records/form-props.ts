import type { RecordKind } from '@/domain/records/kinds';
import type { AssessedDimension, FilingUnit, ProjectOption } from '@/domain/records/views';
import { formFields, formText, type FormField } from '@/features/records/form-spec';
import { localName, type Locale } from '@/domain/i18n/locales';
import type { ProjectChoice, UiField, UnitChoice } from './form-types';

type T = ((key: string, params?: Record<string, string | number>) => string) & { has: (key: string) => boolean };

interface Named {
  code: string;
  nameZh: string;
  nameEn: string;
}

const labelKey: Record<string, string> = { unitCode: 'fields.unit', projectExternalId: 'records.project' };
const hintKey: Record<string, string> = {
  externalId: 'recordForms.hintExternalId',
  occurredAt: 'recordForms.hintBeijing',
  discoveredAt: 'recordForms.hintDiscovered',
  reportedAt: 'recordForms.hintReported',
  tier: 'recordForms.hintTier',
  directLossCny: 'recordForms.hintCny',
  year: 'recordForms.hintYear',
  dueAt: 'recordForms.hintDue',
  requiresPermit: 'recordForms.hintPermit',
  permitAt: 'recordForms.hintPermit',
  filedAt: 'recordForms.hintFiling',
  registeredAt: 'recordForms.hintRegistered',
};

/** A kind's form fields labelled in the reader's language, with their options. */
export function uiFields(
  kind: RecordKind,
  t: T,
  locale: Locale,
  refs: { domains: Named[]; dimensions: Named[] },
  editing: boolean,
): UiField[] {
  const options = (f: FormField) => {
    if (f.input === 'domain') return refs.domains.map((d) => ({ value: d.code, label: localName(locale, d) }));
    if (f.input === 'dimension') return refs.dimensions.map((d) => ({ value: d.code, label: localName(locale, d) }));
    if (f.input === 'tier') return [1, 2, 3, 4].map((n) => ({ value: String(n), label: t(`tiers.${n}`) }));
    return f.options?.map((o) => ({ value: o, label: t(`${f.optionKey}.${o}`) }));
  };
  return formFields[kind].map((f) => ({
    code: f.code,
    input: f.input,
    label: t(labelKey[f.code] ?? `fields.${f.code}`),
    required: Boolean(f.required),
    options: options(f),
    hint: hintKey[f.code] ? t(hintKey[f.code]!) : undefined,
    locked: editing && f.locked,
    wide: f.wide,
  }));
}

export function unitChoices(units: FilingUnit[], locale: Locale): UnitChoice[] {
  return units.map((u) => ({
    code: u.code,
    label: `${'　'.repeat(Math.max(0, u.depth - 3))}${localName(locale, u)}（${u.code}）`,
    instituteId: u.instituteId,
  }));
}

export function projectChoices(projects: ProjectOption[]): ProjectChoice[] {
  return projects.map((p) => ({ externalId: p.externalId, label: `${p.externalId} ${p.title}`, instituteId: p.instituteId }));
}

/** A stored record as the form's initial text. */
export function recordText(
  kind: RecordKind,
  record: Record<string, unknown>,
  extra: { unitCode: string; projectExternalId: string | null },
) {
  const out: Record<string, string> = {};
  for (const f of formFields[kind]) out[f.code] = formText(f, record[f.code]);
  out.unitCode = extra.unitCode;
  if ('projectExternalId' in out) out.projectExternalId = extra.projectExternalId ?? '';
  return out;
}

/** Assessment dimensions as the form's `dim.<code>.<field>` text. */
export function dimensionText(dims: AssessedDimension[]) {
  const out: Record<string, string> = {};
  for (const d of dims) {
    out[`dim.${d.dimension}.likelihood`] = String(d.likelihood);
    out[`dim.${d.dimension}.impact`] = String(d.impact);
    out[`dim.${d.dimension}.riskPoints`] = d.riskPoints ?? '';
    out[`dim.${d.dimension}.consequences`] = d.consequences ?? '';
    out[`dim.${d.dimension}.measures`] = d.measures ?? '';
  }
  return out;
}
