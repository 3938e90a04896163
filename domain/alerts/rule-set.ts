import { z } from 'zod';
import { levels } from '@/domain/reference/level-codes';

// The alert rules of RATING.md §7 as versioned data, stored in `rule_sets` (kind 'alerts') beside the
// rating rule set and edited the same way: copy, edit, activate. Each rule can be switched off. The
// evaluators implement the rules' shapes; every number and colour lives here. What the rating rule set
// already fixes (tier thresholds, level thresholds, ethics deadlines) is read from the active rating rule
// set, so an alert and the rating never disagree about what a tier or a deadline is.

export const alertRuleIds = [
  'incident.serious',
  'rating.rise',
  'rating.near',
  'hazard.overdue',
  'domain.surge',
  'review.stale',
  'ethics.deadline',
] as const;
export type AlertRuleId = (typeof alertRuleIds)[number];

const enabled = z.boolean().describe('Whether the rule fires at all');
const colour = (what: string) => z.enum(levels).describe(`The colour of ${what}`);
const tierColour = (tier: string) =>
  z.enum(levels).nullable().describe(`The colour of an alert for a tier ${tier} incident; null: no alert for this tier`);

export const alertRuleSetSchema = z.strictObject({
  version: z.string().trim().min(1).max(64).describe('The name of this version'),
  'incident.serious': z
    .strictObject({ enabled, I: tierColour('I'), II: tierColour('II'), III: tierColour('III'), IV: tierColour('IV') })
    .describe('An incident is recorded (or raised) at a tier that has a colour here, by its effective tier'),
  'rating.rise': z.strictObject({ enabled }).describe("A unit's provisional level becomes worse; the alert has the new level's colour"),
  'rating.near': z
    .strictObject({
      enabled,
      percent: z.int().min(1).max(99).describe('Per cent of the next level threshold the points must reach without crossing it'),
      colour: colour('an alert that a unit nears the next level'),
    })
    .describe("A unit's provisional points near the next level's threshold"),
  'hazard.overdue': z
    .strictObject({ enabled, major: colour('an overdue major hazard'), general: colour('an overdue general hazard') })
    .describe('A hazard passes its due date unrectified'),
  'domain.surge': z
    .strictObject({
      enabled,
      factor: z.number().min(1).max(100).describe("A month's incidents + hazards must exceed this many times the baseline mean"),
      minimum: z.int().min(1).describe('…and be at least this many'),
      months: z.int().min(1).max(24).describe('The baseline: the mean of this many calendar months before'),
      colour: colour('a domain surge'),
    })
    .describe("A domain's incidents and hazards in a calendar month surge"),
  'review.stale': z
    .strictObject({
      enabled,
      days: z.int().min(1).max(365).describe('Days a submitted assessment may wait for review; more than this fires'),
      colour: colour('a stale review'),
    })
    .describe('A submitted risk assessment waits too long for review'),
  'ethics.deadline': z
    .strictObject({
      enabled,
      days: z.int().min(1).max(90).describe('Days before an ethics deadline at which "due soon" fires'),
      soon: colour('a deadline due soon'),
      overdue: colour('an overdue deadline'),
    })
    .describe('An ethics registration or annual report is due soon or overdue'),
});

export type AlertRuleSet = z.infer<typeof alertRuleSetSchema>;
