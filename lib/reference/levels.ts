import type { Level } from './level-codes';

export const levelOrder: readonly Level[] = ['blue', 'yellow', 'orange', 'red'];

/** Incident tiers (national four-tier scale): 1 = I especially major … 4 = IV general. */
export const incidentTiers = [1, 2, 3, 4] as const;
export type IncidentTier = (typeof incidentTiers)[number];

// The national warning convention pairs tier I with red … tier IV with blue.
export const tierColour: Record<IncidentTier, Level> = { 1: 'red', 2: 'orange', 3: 'yellow', 4: 'blue' };
