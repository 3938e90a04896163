import type { Level } from '@/domain/reference/level-codes';
import type { Window } from '@/domain/dashboards/filters';

// The shapes the dashboards' views hand to pages and components (components take domain types, never
// the database's): the institutes heatmap and the rows it is built from.

/** The record kinds the heatmaps count. */
export type CountedKind = 'incidents' | 'hazards' | 'assessments';

/** An institute a caller's dashboards show, with the branch academy it belongs to (if any). */
export interface InstituteRow {
  id: number;
  code: string;
  name: string;
  nameEn: string | null;
  branchCode: string | null;
  branchName: string | null;
  branchNameEn: string | null;
}

/**
 * What a cell shows. `value`: a number (0 is a real zero: the unit filed records here and they carry no
 * risk). `nodata`: the unit works in the domain (it has live projects there) but filed nothing this year,
 * which must not look safe. `none`: the unit neither works nor filed anything in the domain.
 */
export type CellState = 'value' | 'nodata' | 'none';

export interface HeatCell {
  domain: string;
  value: number;
  state: CellState;
  /** Points mode: the level band the points fall in. */
  band?: Level;
}

export interface HeatRow {
  institute: InstituteRow;
  cells: HeatCell[];
  total: number;
  /** The institute's rating level that year, when one is stored. */
  level?: Level;
}

export interface HeatGroup {
  branchCode: string;
  branchName: string;
  branchNameEn: string | null;
  rows: HeatRow[];
  totals: number[];
  total: number;
  /** Per domain, the group's worst cell: what a collapsed branch row shows as its heat. */
  worst: HeatCell[];
}

export interface InstituteHeatmap {
  mode: 'points' | 'counts';
  kind: CountedKind;
  window: Window;
  ratingStatus: string | null;
  domains: string[];
  groups: HeatGroup[];
  thresholds: { yellow: number; orange: number; red: number };
}

export interface InstituteHeatmapQuery {
  year: number;
  mode: 'points' | 'counts';
  kind: CountedKind;
  branch?: string;
  level?: Level;
}

// The record lines the unit and domain pages list (db/dashboards/domain-lines, db/dashboards/unit-sections).

/** An institute's figures in one domain, for the domain page's ranking. */
export interface UnitInDomain extends Omit<InstituteRow, 'id'> {
  instituteId: number;
  incidents: number;
  serious: number;
  hazards: number;
  majorHazards: number;
  openMajor: number;
  /** The rating's points for this domain's incidents (by effective tier) and hazards found in the window. */
  points: number;
}

export interface IncidentLine {
  id: number;
  externalId: string;
  unitCode: string;
  unitName: string;
  unitNameEn: string | null;
  occurredAt: Date;
  tier: number;
  status: string;
  summary: string | null;
  concealed: boolean;
}

export interface HazardLine {
  id: number;
  externalId: string;
  unitCode: string;
  unitName: string;
  unitNameEn: string | null;
  domain: string;
  severity: 'general' | 'major';
  foundAt: Date;
  dueAt: Date;
  description: string | null;
}

export interface ProjectLine {
  id: number;
  externalId: string;
  title: string;
  domain: string;
  status: string;
  startedAt: Date | null;
  unitCode: string;
  unitName: string;
  unitNameEn: string | null;
  assessment: { id: number; externalId: string; stage: string; status: string; score: number | null } | null;
}

export interface RatedYear {
  id: number;
  year: number;
  status: 'provisional' | 'final' | 'published';
  level: Level;
  levelByPoints: Level;
  points: number;
  floors: { floor: Level; rule: string }[];
  /** Contributions grouped by rule: how many records and their points, largest first. */
  reasons: { rule: string; n: number; points: number }[];
}

export interface DomainFigures {
  incidents: number;
  serious: number;
  hazards: number;
  openMajor: number;
  overdueMajor: number;
  units: number;
}
