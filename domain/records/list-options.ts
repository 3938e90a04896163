import type { RecordKind } from '@/domain/records/kinds';
import type { Level } from '@/domain/reference/level-codes';

// What a record list may be filtered and sorted by: the list page, its links from the dashboards and the
// SQL (db/records/filters.ts) read the same options.

export const sortKeys = ['date', 'externalId', 'status'] as const;
export type SortKey = (typeof sortKeys)[number];

export const recordStates = ['current', 'open', 'overdue'] as const;
export type RecordState = (typeof recordStates)[number];

/** Which of the dashboard filters apply to a kind (the list offers only these). */
export const kindFilters: Record<RecordKind, { severity?: true; tier?: true; level?: true; states: readonly RecordState[] }> = {
  projects: { states: ['current'] },
  assessments: { level: true, states: ['current'] },
  hazards: { severity: true, states: ['current', 'open', 'overdue'] },
  incidents: { tier: true, states: ['current'] },
  inspections: { states: ['current'] },
  'ethics-committees': { states: ['current'] },
  'ethics-activities': { states: ['current'] },
  'ethics-annual-reports': { states: ['current'] },
};

export interface RecordFilters {
  status?: string;
  domain?: string;
  /** Only records filed in this unit or below it (its materialised path). */
  unitPath?: string;
  /** The record's date in [from, to). */
  from?: Date;
  to?: Date;
  /** Words in the reference, title or summary. */
  q?: string;
  /** Hazards: general or major. */
  severity?: string;
  /** Incidents: effective tier 1-4 (as the rating counts it), or 'serious' for tiers I-III. */
  tier?: string;
  /** Assessments: overall level (worst dimension's likelihood × impact, banded). */
  level?: Level;
  /** 'current': not withdrawn; hazards also 'open' (not rectified) and 'overdue' (open past due at `now`). */
  state?: RecordState;
  /** The instant 'overdue' is judged at. */
  now?: Date;
  /** Incidents, hazards, assessments: of this risk dimension (assessments: that assessed it). */
  dimension?: string;
  /** Assessments of this stage. */
  stage?: string;
  /** Assessments with a dimension rated at this likelihood and impact on the 5×5 matrix. */
  cell?: { likelihood: number; impact: number };
  sort?: SortKey;
  dir?: 'asc' | 'desc';
}
