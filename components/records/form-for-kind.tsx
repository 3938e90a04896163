import { getLocale, getTranslations } from 'next-intl/server';
import type { RecordKind } from '@/domain/records/kinds';
import type { FilingUnit, ProjectOption } from '@/domain/records/views';
import { localName, toLocale } from '@/domain/i18n/locales';
import type { TierThresholds } from '@/domain/incidents/effective-tier';
import { AssessmentForm } from './assessment-form';
import { projectChoices, uiFields, unitChoices } from './form-props';
import { RecordForm } from './record-form';

interface Named {
  code: string;
  nameZh: string;
  nameEn: string;
}

/** The right form for a kind, new or editing, with its choices labelled in the reader's language. */
export async function FormForKind({
  kind,
  id,
  initial,
  units,
  projects,
  domains,
  dimensions,
  tierThresholds,
  cancelHref,
  submitted = false,
  propose = false,
}: {
  kind: RecordKind;
  id?: number;
  initial: Record<string, string>;
  units: FilingUnit[];
  projects: ProjectOption[];
  domains: Named[];
  dimensions: (Named & { stage: 'all' | 'output' })[];
  /** The active rule set's: an incident form raises its tier live with them. */
  tierThresholds: TierThresholds;
  cancelHref: string;
  submitted?: boolean;
  /** Propose a correction of a sealed record instead of saving. */
  propose?: boolean;
}) {
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  const fields = uiFields(kind, t as never, locale, { domains, dimensions }, id !== undefined);
  const common = { id, fields, initial, units: unitChoices(units, locale), projects: projectChoices(projects), cancelHref, propose };
  if (kind === 'assessments')
    return (
      <AssessmentForm
        {...common}
        submitted={submitted}
        dimensions={dimensions.map((d) => ({ code: d.code, label: localName(locale, d), stage: d.stage }))}
      />
    );
  return <RecordForm kind={kind} {...common} tierThresholds={tierThresholds} />;
}
