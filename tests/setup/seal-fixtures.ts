import type { RecordKind } from '@/db/records/record-kinds';
import { formFields } from '@/features/records/form-spec';
import { kindDefs } from '@/features/records/kinds';

// Records in every state the seal table names, as the API item the office files, plus a changed value for
// every field the table speaks of; and the same item as a spreadsheet (CSV) and as the record form posts
// it. Used by tests/integration/seal-matrix.test.ts and seal-attacks.test.ts.

export const coreDims = ['chokepoint', 'loss', 'regulatory', 'data', 'ethics', 'opinion', 'secrecy'];
export const dims = (likelihood: number, impact: number) => coreDims.map((dimension) => ({ dimension, likelihood, impact }));

/** Projects of BJ01 the fixtures refer to (created by the test first). */
export const PROJECT = 'SEAL-P1';
export const OTHER_PROJECT = 'SEAL-P2';

let serial = 0;
let year = 2000;

/** A new record of `kind` in `state` (`before`: the state just before the decision), as the office files it. */
export function fixture(kind: RecordKind, state: string): Record<string, unknown> {
  const externalId = `SEAL-${kind}-${state}-${++serial}`;
  const base = { externalId, unitCode: 'BJ01' };
  switch (kind) {
    case 'assessments': {
      const decided = state === 'approved' || state === 'rejected';
      return {
        ...base,
        projectExternalId: PROJECT,
        stage: 'initiation',
        dimensions: dims(4, 5),
        submittedAt: '2026-03-02',
        status: decided ? state : 'submitted',
        ...(decided ? { decidedAt: '2026-03-05', reviewComment: state === 'approved' ? '同意' : '不同意' } : {}),
      };
    }
    case 'hazards':
      return {
        ...base,
        domain: 'ai',
        dimension: 'data',
        severity: 'major',
        foundAt: '2026-03-01',
        dueAt: '2026-04-01',
        rectifiedAt: '2026-03-10',
        status: state === 'verified' ? 'verified' : 'rectified',
        ...(state === 'verified' ? { verifiedAt: '2026-03-12' } : {}),
      };
    case 'incidents':
      return {
        ...base,
        domain: 'drones',
        dimension: 'loss',
        tier: 2,
        occurredAt: '2026-03-01T10:00:00+08:00',
        discoveredAt: '2026-03-01T10:30:00+08:00',
        reportedAt: '2026-03-01T11:00:00+08:00',
        concealed: state === 'concealed',
        status: state === 'closed' ? 'closed' : 'reported',
      };
    case 'ethics-committees':
      return { ...base, establishedAt: '2026-01-10', registeredAt: '2026-01-20', status: state === 'accepted' ? 'accepted' : 'active' };
    case 'ethics-activities':
      return {
        ...base,
        approvedAt: '2026-01-10',
        registeredAt: '2026-01-20',
        reReviewedAt: '2026-02-01',
        projectExternalId: PROJECT,
        status: state === 'accepted' ? 'accepted' : 'active',
      };
    case 'ethics-annual-reports':
      return {
        unitCode: 'BJ01',
        year: 2000 + (++year % 100),
        submittedAt: '2026-03-01',
        status: state === 'accepted' ? 'accepted' : 'active',
      };
    default:
      throw new Error(`no seal fixture for ${kind}`);
  }
}

// A status each kind may move to that is neither a decision nor a withdrawal.
const otherStatus: Partial<Record<RecordKind, string>> = {
  assessments: 'submitted',
  hazards: 'rectified',
  incidents: 'investigating',
  'ethics-committees': 'active',
  'ethics-activities': 'active',
  'ethics-annual-reports': 'active',
};

// …and one for a record already in that status (before the decision).
const earlierStatus: Partial<Record<RecordKind, string>> = { assessments: 'draft', hazards: 'open', incidents: 'reported' };

const changed: Record<string, (kind: RecordKind, item: Record<string, unknown>) => unknown> = {
  unitCode: () => 'BJ01-D1',
  projectExternalId: () => OTHER_PROJECT,
  stage: () => 'implementation',
  dimensions: () => dims(1, 1),
  submittedAt: (kind) => (kind === 'ethics-annual-reports' ? '2026-03-20' : '2026-03-03'),
  status: (kind, item) => (item.status === otherStatus[kind] ? earlierStatus[kind] : otherStatus[kind]),
  decidedAt: () => '2026-03-06',
  reviewComment: () => '伪造的审核意见',
  domain: (_kind, item) => (item.domain === 'ai' ? 'drones' : 'ai'),
  dimension: (_kind, item) => (item.dimension === 'data' ? 'loss' : 'data'),
  severity: () => 'general',
  source: () => 'supervision',
  foundAt: () => '2026-02-25',
  dueAt: () => '2026-06-30',
  rectifiedAt: () => '2026-03-11',
  verifiedAt: () => '2026-03-13',
  description: () => '补充说明',
  rectificationPlan: () => '补充整改措施',
  tier: () => 4,
  // On the incident's own day, so that a past year's incident (pastYearIncident) changes within its year.
  occurredAt: (_kind, item) => `${dayOf(item)}T09:00:00+08:00`,
  discoveredAt: (_kind, item) => `${dayOf(item)}T10:45:00+08:00`,
  reportedAt: (_kind, item) => `${dayOf(item)}T12:00:00+08:00`,
  // Marking the report time unknown (decision 033): only for an incident of a past year, without reportedAt.
  reportTimeUnknown: (_kind, item) => (dayOf(item) < `${new Date().getFullYear()}` ? !item.reportTimeUnknown : undefined),
  deaths: () => 1,
  seriousInjuries: () => 1,
  directLossCny: () => 1000,
  concealed: (_kind, item) => !item.concealed,
  summary: () => '补充经过',
  establishedAt: () => '2026-01-05',
  registeredAt: () => '2026-01-25',
  dissolvedAt: () => '2026-06-01',
  name: () => '伦理委员会',
  approvedAt: () => '2026-01-05',
  reReviewedAt: () => '2026-02-05',
  title: () => '更名的活动',
};

const dayOf = (item: Record<string, unknown>) => String(item.occurredAt ?? '2026-03-01').slice(0, 10);

/** The same incident a year earlier and without a report time sent: one whose report time may be marked unknown. */
export function pastYearIncident(item: Record<string, unknown>): Record<string, unknown> {
  const back = (v: unknown) => (typeof v === 'string' ? v.replace(/^2026-/, '2025-') : v);
  const { reportedAt: _sent, ...rest } = item;
  return { ...rest, occurredAt: back(item.occurredAt), discoveredAt: back(item.discoveredAt) };
}

/** The item with `field` changed, or null when no channel can express that field (e.g. `decidedBy`). */
export function withChange(kind: RecordKind, item: Record<string, unknown>, field: string): Record<string, unknown> | null {
  const value = changed[field]?.(kind, item);
  return value === undefined ? null : { ...item, [field]: value };
}

/** The item as a CSV spreadsheet of the kind's template columns (an assessment: one row per dimension), or null if a field has no column. */
export function csvOf(kind: RecordKind, item: Record<string, unknown>, field?: string): Buffer | null {
  const specs = kindDefs[kind].fields;
  if (field && field !== 'dimensions' && !specs.some((f) => f.code === field)) return null;
  const text = (v: unknown) => (v === undefined || v === null ? '' : String(v));
  const rows =
    kind === 'assessments'
      ? (item.dimensions as Record<string, unknown>[]).map((d) => specs.map((f) => text(f.code in d ? d[f.code] : item[f.code])))
      : [specs.map((f) => text(item[f.code]))];
  const header = specs.map((f) => `${f.labelZh} (${f.code})`);
  return Buffer.from('\uFEFF' + [header, ...rows].map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')).join('\r\n'));
}

/** The item as the record form posts it for record `id`, or null if `field` is not on the form. */
export function formOf(kind: RecordKind, item: Record<string, unknown>, id: number, field?: string): Record<string, string> | null {
  const fields = formFields[kind];
  if (field && field !== 'dimensions' && !fields.some((f) => f.code === field)) return null;
  if (field === 'dimensions' && kind !== 'assessments') return null;
  const out: Record<string, string> = { recordKind: kind, id: String(id) };
  for (const f of fields) {
    const v = item[f.code];
    if (v === undefined || v === null) continue;
    out[f.code] = f.input === 'datetime' ? String(v).replace(/:00\+08:00$/, '') : f.input === 'checkbox' ? (v ? 'on' : '') : String(v);
  }
  if (kind === 'assessments') {
    out.intent = item.status === 'draft' ? 'draft' : 'submit';
    for (const d of item.dimensions as { dimension: string; likelihood: number; impact: number }[]) {
      out[`dim.${d.dimension}.likelihood`] = String(d.likelihood);
      out[`dim.${d.dimension}.impact`] = String(d.impact);
    }
  }
  return out;
}
