// What a change since a year's stored ratings requires of them (decisions 022, 045). A rating is a function
// of one institute's own records (loadRatingInputs groups them by institute), the rule set, the unit tree
// and the clock; so a write to records needs only its institute rated again, a unit created or moved needs
// everyone, and nothing else that is audited changes a rating. The rule set is compared by version (the
// mark records it), so an activation rates everyone whether or not its audit entry is seen here; the clock
// is the daily job's.

/**
 * The audited kinds that ratings read, an allow-list (issue 15): settings, the warning list, users, alerts,
 * alert rules, rule-set copies and edits, publishing rate nobody again. The intake's record kinds that
 * loadRatingInputs loads (inspections are not among them).
 */
export const RATED_RECORD_KINDS: ReadonlySet<string> = new Set([
  'incidents',
  'hazards',
  'projects',
  'assessments',
  'ethics-committees',
  'ethics-activities',
  'ethics-annual-reports',
]);

/** Audited kinds that may move records between institutes or add a rated institute: everyone is rated again. */
const WHOLE_ACADEMY_KINDS: ReadonlySet<string> = new Set(['units']);

export type RefreshPlan = { kind: 'none' } | { kind: 'institutes'; ids: number[] } | { kind: 'all' };

export function refreshPlan(changes: readonly { kind: string; instituteId: number | null }[]): RefreshPlan {
  const ids = new Set<number>();
  for (const c of changes) {
    if (WHOLE_ACADEMY_KINDS.has(c.kind)) return { kind: 'all' };
    if (!RATED_RECORD_KINDS.has(c.kind)) continue;
    // A record filed above any institute is in no institute's rating.
    if (c.instituteId !== null) ids.add(c.instituteId);
  }
  return ids.size === 0 ? { kind: 'none' } : { kind: 'institutes', ids: [...ids].sort((a, b) => a - b) };
}
