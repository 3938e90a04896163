import type { Level } from '@/domain/reference/level-codes';

// The default 5×5 matrix of DOMAIN.md §4: R = likelihood × impact, banded low (blue) to very high (red).
// Defaults only: the versioned rule set will carry the bands an academy chooses.
export const defaultRiskBands: readonly { level: Level; min: number; max: number }[] = [
  { level: 'blue', min: 1, max: 4 },
  { level: 'yellow', min: 5, max: 9 },
  { level: 'orange', min: 10, max: 16 },
  { level: 'red', min: 17, max: 25 },
];

export function riskLevel(score: number, bands = defaultRiskBands): Level {
  return (bands.find((b) => score >= b.min && score <= b.max) ?? bands[bands.length - 1]!).level;
}

/** An assessment's overall level is that of its worst dimension. */
export function overallRisk(
  dimensions: readonly { likelihood: number; impact: number }[],
  bands = defaultRiskBands,
): { score: number; level: Level } | null {
  if (dimensions.length === 0) return null;
  const score = Math.max(...dimensions.map((d) => d.likelihood * d.impact));
  return { score, level: riskLevel(score, bands) };
}

/** The level of an overall score, or null when there is none (an assessment without dimensions). */
export function overallRiskLevel(score: number | null, bands = defaultRiskBands): Level | null {
  return score === null ? null : riskLevel(score, bands);
}
