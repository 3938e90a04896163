// The tier an incident's figures imply, and its reporting deadline (DOMAIN.md §6). Pure, so the form can
// run it live in the browser and the server can enforce the same answer; the thresholds and deadlines are
// parameters because a rating rule set will supply them later.

export type Tier = 1 | 2 | 3 | 4;
export type Criterion = 'deaths' | 'seriousInjuries' | 'directLossCny';
export const criteria: readonly Criterion[] = ['deaths', 'seriousInjuries', 'directLossCny'];

export interface IncidentFigures {
  deaths?: number | null;
  seriousInjuries?: number | null;
  directLossCny?: number | null;
}

/** "At least" lower bounds of tiers I–III (State Council Decree 493); below tier III's is tier IV. */
export type TierThresholds = Record<1 | 2 | 3, Record<Criterion, number>>;

export const defaultTierThresholds: TierThresholds = {
  1: { deaths: 30, seriousInjuries: 100, directLossCny: 100_000_000 },
  2: { deaths: 10, seriousInjuries: 50, directLossCny: 50_000_000 },
  3: { deaths: 3, seriousInjuries: 10, directLossCny: 10_000_000 },
};

/** One figure that reaches a tier's threshold: why the tier is what it is. */
export interface TierReason {
  criterion: Criterion;
  value: number;
  threshold: number;
}

export interface ImpliedTier {
  tier: Tier;
  /** The figures that reach the implied tier's thresholds (empty for tier IV). */
  reasons: TierReason[];
}

const figure = (f: IncidentFigures, c: Criterion): number => {
  const v = f[c];
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
};

/** The most serious tier any one figure reaches (any one criterion is enough). */
export function impliedTier(figures: IncidentFigures, thresholds: TierThresholds = defaultTierThresholds): ImpliedTier {
  for (const tier of [1, 2, 3] as const) {
    const reasons = criteria
      .filter((c) => figure(figures, c) >= thresholds[tier][c])
      .map((c) => ({ criterion: c, value: figure(figures, c), threshold: thresholds[tier][c] }));
    if (reasons.length) return { tier, reasons };
  }
  return { tier: 4, reasons: [] };
}

export interface EffectiveTier extends ImpliedTier {
  /** The tier the reporter chose. */
  chosen: Tier;
  /** True when the figures imply a more serious tier than the one chosen. */
  raised: boolean;
}

/**
 * The tier to store: the reporter's, unless the figures imply a more serious one. A reporter may set a
 * higher tier than the figures (an ethics or data incident without casualties), never a lower one.
 */
export function effectiveTier(chosen: Tier, figures: IncidentFigures, thresholds: TierThresholds = defaultTierThresholds): EffectiveTier {
  const implied = impliedTier(figures, thresholds);
  const raised = implied.tier < chosen;
  return { ...implied, tier: raised ? implied.tier : chosen, chosen, raised };
}

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
