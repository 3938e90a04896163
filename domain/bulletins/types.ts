import type { AlertView } from '@/domain/alerts/types';
import type { Level } from '@/domain/reference/level-codes';

// The stored body of a monthly bulletin (月度预警简报). It is academy-wide and kept unchanged once generated;
// every figure lives in a per-institute row (or a per-alert row with its unit), so a viewer limited to a
// branch or an institute sees only its rows and totals recomputed from them (domain/bulletins/view.ts).

export interface BulletinTrendCell {
  month: string;
  domain: string;
  incidents: number;
  hazards: number;
}

/** An institute's code and names, and its branch's (null for an institute directly under the academy). */
export interface InstituteNames {
  code: string;
  name: string;
  nameEn: string | null;
  branchId: number | null;
  branchCode: string | null;
  branchName: string | null;
  branchNameEn: string | null;
}

export interface BulletinInstitute extends InstituteNames {
  unitId: number;
  /** New incidents that occurred in the month, by effective tier I…IV (index 0 = tier I). */
  incidentsByTier: [number, number, number, number];
  /** New hazards found in the month, by severity. */
  hazards: { general: number; major: number };
  /** Hazards past their due date and not rectified at the month's end. */
  overdueAtEnd: { general: number; major: number };
  /** Provisional (year-to-date) level and points at the month's start and end; null when not rated then. */
  levelStart: Level | null;
  pointsStart: number | null;
  levelEnd: Level | null;
  pointsEnd: number | null;
  /** Incidents and hazards per domain and month over the trend window (only non-zero cells). */
  trend: BulletinTrendCell[];
}

/** A month's alert as stored: its unit is null for an academy-wide alert, which only academy-wide viewers see. */
export type BulletinAlert = Pick<
  AlertView,
  'id' | 'rule' | 'colour' | 'unitId' | 'unitCode' | 'unitName' | 'unitNameEn' | 'domain' | 'messageZh' | 'messageEn'
> & { firedAt: string };

export interface BulletinBody {
  version: 1;
  month: string;
  periodStart: string;
  periodEnd: string;
  ruleSetVersion: string;
  /** The six months of the domain trend, oldest first, ending with the bulletin's month. */
  trendMonths: string[];
  domains: { code: string; nameZh: string; nameEn: string }[];
  institutes: BulletinInstitute[];
  alerts: BulletinAlert[];
}
