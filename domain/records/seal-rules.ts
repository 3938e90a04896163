import type { RecordKind } from '@/domain/records/kinds';
import type { Role } from '@/domain/reference/roles';

// Which records a reviewer's decision seals, and who may then change what (issue 13, decision 023).
// This table is the one place the rule lives: submitRecords (API, import, form edits), every workflow
// step, withdrawal and correction acceptance ask judgeChange, and tests/integration/seal-matrix.test.ts
// is generated from it. Pure: no database, no Next.

/** Who may decide: `unit` = a unit reviewer (unit manager, office, admin); `office` = office or admin. */
export type ReviewLevel = 'unit' | 'office';

export interface SealState {
  /** The name of the decision (a status, or `concealed`), shown to the user. */
  state: string;
  /** Whether a stored record is in this state. */
  holds: (row: Readonly<Record<string, unknown>>) => boolean;
  /** Who may change the sealed fields, withdraw, or accept a correction. */
  level: ReviewLevel;
  /** Fields the rating, its floors or alerts read: only `level` may change them once sealed. */
  sealed: readonly string[];
  /** Whether the submitting unit may still withdraw (never, once sealed; kept explicit for the table). */
  withdraw: false;
}

export interface SealRule {
  /** States that seal the record, most senior first (a concealed incident is the office's). */
  seals: readonly SealState[];
  /** Fields only a reviewer of the given level writes, in any state (the decision's own record). */
  reviewFields: Readonly<Record<string, ReviewLevel>>;
  /** Statuses only a reviewer of the given level may move a record into. */
  reviewStatuses: Readonly<Record<string, ReviewLevel>>;
  /** Fields that stay the unit's own after a decision (descriptions that no rating reads). */
  free: readonly string[];
}

const incidentFacts = [
  'unitCode',
  'domain',
  'dimension',
  'tier',
  'occurredAt',
  'discoveredAt',
  'reportedAt',
  // Marking a report time unknown removes late points (decision 033): a rating fact like the time itself.
  'reportTimeUnknown',
  'deaths',
  'seriousInjuries',
  'directLossCny',
] as const;
const acceptedEthics = (sealed: readonly string[]): SealRule => ({
  seals: [
    { state: 'accepted', holds: (r) => r.status === 'accepted', level: 'unit', sealed: [...sealed, 'unitCode', 'status'], withdraw: false },
  ],
  reviewFields: {},
  reviewStatuses: { accepted: 'unit' },
  free: [],
});

export const sealTable: Record<RecordKind, SealRule> = {
  // Projects are the unit's own description of its work; their gates are facts the rating counts as sent.
  projects: { seals: [], reviewFields: {}, reviewStatuses: {}, free: ['title', 'lead'] },
  assessments: {
    seals: [
      {
        state: 'approved',
        holds: (r) => r.status === 'approved',
        level: 'unit',
        sealed: ['unitCode', 'projectExternalId', 'stage', 'dimensions', 'submittedAt', 'status'],
        withdraw: false,
      },
      // Rejected counts for nothing in the rating; the unit reworks and resubmits it (CAS §5(1)), so only the
      // decision itself (review fields, withdrawal) is sealed.
      { state: 'rejected', holds: (r) => r.status === 'rejected', level: 'unit', sealed: [], withdraw: false },
    ],
    reviewFields: { decidedAt: 'unit', decidedBy: 'unit', reviewComment: 'unit' },
    reviewStatuses: { approved: 'unit', rejected: 'unit' },
    free: [],
  },
  hazards: {
    seals: [
      {
        state: 'verified',
        holds: (r) => r.status === 'verified',
        level: 'unit',
        sealed: ['unitCode', 'domain', 'dimension', 'severity', 'foundAt', 'dueAt', 'rectifiedAt', 'status'],
        withdraw: false,
      },
    ],
    reviewFields: { verifiedAt: 'unit', verifiedBy: 'unit' },
    reviewStatuses: { verified: 'unit' },
    free: ['source', 'description', 'rectificationPlan', 'projectExternalId'],
  },
  incidents: {
    seals: [
      // The office's finding binds in any state: the unit can neither withdraw nor rewrite what it concealed.
      // Its status may still move forward (reported → investigating); closing is a review status anyway.
      { state: 'concealed', holds: (r) => r.concealed === true, level: 'office', sealed: incidentFacts, withdraw: false },
      { state: 'closed', holds: (r) => r.status === 'closed', level: 'unit', sealed: [...incidentFacts, 'status'], withdraw: false },
    ],
    reviewFields: { concealed: 'office' },
    reviewStatuses: { closed: 'unit' },
    free: ['summary', 'projectExternalId'],
  },
  // Inspections record what the unit itself did; nothing reviews them.
  inspections: { seals: [], reviewFields: {}, reviewStatuses: {}, free: ['inspector', 'findings', 'hazardsFound'] },
  'ethics-committees': { ...acceptedEthics(['establishedAt', 'registeredAt', 'dissolvedAt']), free: ['name'] },
  'ethics-activities': {
    ...acceptedEthics(['approvedAt', 'registeredAt', 'reReviewedAt', 'projectExternalId']),
    free: ['title'],
  },
  'ethics-annual-reports': acceptedEthics(['year', 'submittedAt']),
};

/** Whether this role reviews at this level. */
export function reviewsAt(role: Role, level: ReviewLevel): boolean {
  return level === 'office' ? role === 'office' || role === 'admin' : role === 'unit_manager' || role === 'office' || role === 'admin';
}

/** The seal on a stored record, if a reviewer has decided it (the most senior state first). */
export function sealOf(kind: RecordKind, row: Readonly<Record<string, unknown>> | undefined): SealState | null {
  if (!row) return null;
  return sealTable[kind].seals.find((s) => s.holds(row)) ?? null;
}

export interface SealRefusal {
  field: string;
  key: string;
  params?: Record<string, string>;
}

export interface Change {
  /** The fields the write changes (API names: `unitCode`, `projectExternalId`, `dimensions`…). */
  fields: readonly string[];
  /** The status the record would have afterwards (absent: unchanged). */
  status?: string;
}

/**
 * Whether `role` may make `change` to a record of `kind` stored as `before` (absent for a new record).
 * Null when allowed; otherwise the first field refused and why (a message key). The scope is checked
 * elsewhere, before this.
 */
export function judgeChange(
  kind: RecordKind,
  before: Readonly<Record<string, unknown>> | undefined,
  role: Role,
  change: Change,
): SealRefusal | null {
  const rule = sealTable[kind];
  const was = before?.status as string | undefined;
  const moves = change.status !== undefined && change.status !== was && change.fields.includes('status');
  for (const field of change.fields) {
    const level = rule.reviewFields[field];
    if (level && !reviewsAt(role, level)) return { field, key: level === 'office' ? 'validation.officeOnly' : 'validation.reviewerOnly' };
  }
  if (moves) {
    const level = rule.reviewStatuses[change.status!];
    if (level && !reviewsAt(role, level)) return { field: 'status', key: 'validation.reviewerOnly' };
    // Bringing a withdrawn record back is a reviewer's call: otherwise withdrawing a sealed record via a
    // reviewer and restoring it would rewrite the record's history.
    if (was === 'withdrawn' && !reviewsAt(role, 'unit')) return { field: 'status', key: 'validation.reviewerOnly' };
  }
  const seal = sealOf(kind, before);
  if (!seal || reviewsAt(role, seal.level)) return null;
  const params = { state: seal.state };
  if (moves && change.status === 'withdrawn') return { field: 'status', key: 'workflow.decidedReviewerOnly', params };
  const sealed = change.fields.find((f) => seal.sealed.includes(f));
  return sealed ? { field: sealed, key: 'seal.sealedField', params } : null;
}

/** Whether this role may withdraw a record in this state (the record page's Withdraw button). */
export function mayWithdraw(kind: RecordKind, row: Readonly<Record<string, unknown>>, role: Role): boolean {
  if (row.status === 'withdrawn') return false;
  return judgeChange(kind, row, role, { fields: ['status'], status: 'withdrawn' }) === null;
}

/** Who may accept a correction of this record: the level of its seal (a correction exists only for sealed records). */
export function correctionLevel(kind: RecordKind, row: Readonly<Record<string, unknown>>): ReviewLevel | null {
  return sealOf(kind, row)?.level ?? null;
}

/** Whether a proposed correction may touch this field: never a review field or the status (those are steps). */
export function proposable(kind: RecordKind, field: string): boolean {
  return field !== 'status' && !(field in sealTable[kind].reviewFields);
}
