import { isRecordKind } from '@/db/records/record-kinds';

// What a change since the provisional ratings were stored requires of them (decision 022). A rating is a
// function of one institute's own records (loadRatingInputs groups them by institute), the rule set, the
// unit tree and the clock; so a write to records needs only its institute rated again, and everything
// else the ratings could depend on is rated again whole.

/** Audited kinds that no rating reads: acknowledging an alert, editing alert rules, publishing a past year. */
const NOT_RATING_INPUTS = new Set(['alert', 'alert_rule_set', 'rating_year']);

export type RefreshPlan = { kind: 'none' } | { kind: 'institutes'; ids: number[] } | { kind: 'all' };

export function refreshPlan(changes: readonly { kind: string; instituteId: number | null }[]): RefreshPlan {
  const ids = new Set<number>();
  for (const c of changes) {
    if (NOT_RATING_INPUTS.has(c.kind)) continue;
    // Anything not a record (a unit moved, a rule set activated, a setting) may touch every rating.
    if (!isRecordKind(c.kind)) return { kind: 'all' };
    // A record filed above any institute is in no institute's rating.
    if (c.instituteId !== null) ids.add(c.instituteId);
  }
  return ids.size === 0 ? { kind: 'none' } : { kind: 'institutes', ids: [...ids].sort((a, b) => a - b) };
}
