// The rule ids of RATING.md §3-4, in the order an explanation lists them. A leaf module: the rule set's
// schema and the evaluator's types both name rules, and neither should import the other for that.

export const ratingRuleIds = [
  'incident.tier1',
  'incident.tier2',
  'incident.tier3',
  'incident.tier4',
  'incident.late',
  'incident.concealed',
  'hazard.general',
  'hazard.major',
  'hazard.overdue.general',
  'hazard.overdue.major',
  'hazard.major_overdue_90d',
  'control.unassessed_start',
  'control.unpermitted_start',
  'control.unfiled_start',
  'ethics.late_registration',
  'ethics.late_annual_report',
] as const;
export type RatingRuleId = (typeof ratingRuleIds)[number];

/**
 * The conditions that can set a floor (RATING.md §4). `hazard.major_overdue_90d` keeps its name when an
 * academy edits the number of days: stored ratings refer to it, so the id must stay stable.
 */
export const floorRuleIds = [
  'incident.tier1',
  'incident.tier2',
  'incident.tier3',
  'incident.concealed',
  'hazard.major_overdue_90d',
  'control.unassessed_start',
  'control.unpermitted_start',
] as const satisfies readonly RatingRuleId[];
export type FloorRuleId = (typeof floorRuleIds)[number];
