import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import type { RecordKind } from '@/db/records/record-kinds';
import { assessmentStages, hazardSeverities, hazardSources, inspectionKinds } from '@/db/schema';
import { typedFromText } from '@/domain/records/fields';
import { kindDefs } from '@/features/records/kinds';
import { ZONE } from '@/domain/time/shanghai';

// What each kind's form shows, once, for the pages that draw the forms and the action that turns the
// posted text into the item submitRecords validates with the kind's own zod schema. Workflow fields
// (statuses, start and pause dates, rectified and verified dates, concealment) are not here: they change
// only through the workflow steps, which check their gates.

export type InputKind =
  'text' | 'textarea' | 'date' | 'datetime' | 'number' | 'checkbox' | 'select' | 'unit' | 'project' | 'domain' | 'dimension' | 'tier';

export interface FormField {
  code: string;
  input: InputKind;
  required?: boolean;
  options?: readonly string[];
  /** The message prefix that names each option (`stages` → `stages.initiation`). */
  optionKey?: string;
  /** Emptying the field on an edit clears the stored value (only for columns that may be empty). */
  clearable?: boolean;
  /** Fixed once the record exists: its key within the institute. */
  locked?: boolean;
  wide?: boolean;
}

const externalId: FormField = { code: 'externalId', input: 'text', required: true, locked: true };
const unit: FormField = { code: 'unitCode', input: 'unit', required: true };
const project: FormField = { code: 'projectExternalId', input: 'project', clearable: true };

export const formFields: Record<RecordKind, FormField[]> = {
  projects: [
    externalId,
    unit,
    { code: 'title', input: 'text', required: true, wide: true },
    { code: 'domain', input: 'domain', required: true },
    { code: 'lead', input: 'text', clearable: true },
    { code: 'requiresPermit', input: 'checkbox' },
    { code: 'permitAt', input: 'date', clearable: true },
    { code: 'requiresFiling', input: 'checkbox' },
    { code: 'filedAt', input: 'date', clearable: true },
  ],
  assessments: [
    externalId,
    unit,
    { ...project, required: true, clearable: false },
    { code: 'stage', input: 'select', required: true, options: assessmentStages, optionKey: 'stages' },
  ],
  hazards: [
    externalId,
    unit,
    { code: 'domain', input: 'domain', required: true },
    { code: 'dimension', input: 'dimension', required: true },
    { code: 'severity', input: 'select', required: true, options: hazardSeverities, optionKey: 'severity' },
    { code: 'source', input: 'select', options: hazardSources, optionKey: 'recordForms.sources' },
    { code: 'foundAt', input: 'date', required: true },
    { code: 'dueAt', input: 'date', required: true },
    project,
    { code: 'description', input: 'textarea', clearable: true, wide: true },
    { code: 'rectificationPlan', input: 'textarea', clearable: true, wide: true },
  ],
  incidents: [
    externalId,
    unit,
    { code: 'domain', input: 'domain', required: true },
    { code: 'dimension', input: 'dimension', required: true },
    { code: 'occurredAt', input: 'datetime', required: true },
    { code: 'discoveredAt', input: 'datetime' },
    { code: 'reportedAt', input: 'datetime' },
    { code: 'deaths', input: 'number' },
    { code: 'seriousInjuries', input: 'number' },
    { code: 'directLossCny', input: 'number' },
    { code: 'tier', input: 'tier', required: true },
    project,
    { code: 'summary', input: 'textarea', clearable: true, wide: true },
  ],
  inspections: [
    externalId,
    unit,
    { code: 'kind', input: 'select', options: inspectionKinds, optionKey: 'recordForms.inspectionKinds' },
    { code: 'inspectedAt', input: 'date', required: true },
    { code: 'status', input: 'select', options: ['planned', 'done'], optionKey: 'status' },
    { code: 'inspector', input: 'text', clearable: true },
    { code: 'hazardsFound', input: 'number' },
    project,
    { code: 'findings', input: 'textarea', clearable: true, wide: true },
  ],
  'ethics-committees': [
    externalId,
    unit,
    { code: 'name', input: 'text', clearable: true, wide: true },
    { code: 'establishedAt', input: 'date', required: true },
    { code: 'registeredAt', input: 'date', clearable: true },
    { code: 'dissolvedAt', input: 'date', clearable: true },
  ],
  'ethics-activities': [
    externalId,
    unit,
    { code: 'title', input: 'text', clearable: true, wide: true },
    { code: 'approvedAt', input: 'date', required: true },
    { code: 'registeredAt', input: 'date', clearable: true },
    { code: 'reReviewedAt', input: 'date', clearable: true },
    project,
  ],
  'ethics-annual-reports': [
    unit,
    { code: 'year', input: 'number', required: true, locked: true },
    { code: 'submittedAt', input: 'date', required: true },
  ],
};

const LOCAL_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;

/** A `datetime-local` value is Beijing time (the interface's zone): give it the offset the API format needs. */
export function withBeijingOffset(text: string): string {
  const s = text.trim();
  return LOCAL_DATETIME.test(s) ? `${s}+08:00` : s;
}

/**
 * The posted form as the item the kind's schema validates (the same conversion imports use). On an
 * edit, an emptied optional field is sent as null, which clears it; a field left out keeps its value.
 */
export function itemFromForm(kind: RecordKind, raw: Record<string, string | undefined>, editing: boolean): Record<string, unknown> {
  const text: Record<string, string> = {};
  for (const f of formFields[kind]) {
    const value = raw[f.code] ?? '';
    text[f.code] = f.input === 'checkbox' ? (value ? 'true' : 'false') : f.input === 'datetime' ? withBeijingOffset(value) : value;
  }
  const item = typedFromText(text, kindDefs[kind].fields);
  // The spreadsheet spec lists tiers as the options '1'…'4'; the schema wants the number.
  if (typeof item.tier === 'string' && /^[1-4]$/.test(item.tier)) item.tier = Number(item.tier);
  if (editing) for (const f of formFields[kind]) if (f.clearable && !(f.code in item)) item[f.code] = null;
  return item;
}

/** A stored value as the form's input shows it: dates and times in Beijing time. */
export function formText(field: FormField, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    const local = new TZDate(value.getTime(), ZONE);
    return field.input === 'datetime' ? format(local, "yyyy-MM-dd'T'HH:mm") : format(local, 'yyyy-MM-dd');
  }
  if (typeof value === 'boolean') return value ? 'true' : '';
  return String(value);
}

/** The current Beijing time as a `datetime-local` value (a new incident's report time). */
export function nowText(now: Date): string {
  return format(new TZDate(now.getTime(), ZONE), "yyyy-MM-dd'T'HH:mm");
}
