// An incident's reporting deadline after discovery, by tier (DOMAIN.md §6). Pure, so the form can run it
// live in the browser. The tier itself comes from domain/incidents/effective-tier.ts.
import type { Tier } from '@/domain/rating/types';

/** Hours after discovery within which an incident of each tier must be reported (*default*). */
export type ReportDeadlines = Record<Tier, number>;
export const defaultReportDeadlines: ReportDeadlines = { 1: 2, 2: 2, 3: 24, 4: 72 };

export interface ReportTiming {
  deadline: Date;
  hours: number;
  /** Null while the incident has no report time yet. */
  met: boolean | null;
}

export function reportTiming(
  tier: Tier,
  discoveredAt: Date,
  reportedAt: Date | null,
  deadlines: ReportDeadlines = defaultReportDeadlines,
): ReportTiming {
  const hours = deadlines[tier];
  const deadline = new Date(discoveredAt.getTime() + hours * 3_600_000);
  return { deadline, hours, met: reportedAt ? reportedAt.getTime() <= deadline.getTime() : null };
}

export function isTier(value: unknown): value is Tier {
  return value === 1 || value === 2 || value === 3 || value === 4;
}
