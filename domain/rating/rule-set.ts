import { z } from 'zod';
import { levels } from '@/domain/reference/level-codes';

// The rating rule set as versioned data (RATING.md: "the product ships it as data"). The evaluator
// implements the rules' shapes; every number lives here, so an academy office can copy the default, edit
// numbers and activate a new version without a release. Field names are plain words and every field is
// described, so a page can show the rule set in plain language. Objects are strict: a misspelt field in
// an edited copy is refused rather than silently ignored (which would leave the default's number in force
// in the office's mind but not in the rating).

const points = (what: string) => z.int().min(0).describe(`Points added for ${what}`);

const positive = (what: string) => z.int().min(1).describe(what);

const tierFigures = (tier: string) =>
  z
    .strictObject({
      deaths: positive(`Deaths at or above which an incident is at least tier ${tier}`),
      seriousInjuries: positive(`Serious injuries at or above which an incident is at least tier ${tier}`),
      directLossCny: positive(`Direct economic loss in CNY at or above which an incident is at least tier ${tier}`),
    })
    .describe(`Any one of these figures at or above its threshold makes an incident at least tier ${tier}`);

const floorLevel = (condition: string) =>
  z.enum(levels).nullable().describe(`The level a unit is at least at when ${condition}; null sets no floor`);

export const ratingRuleSetSchema = z
  .strictObject({
    version: z.string().trim().min(1).max(64).describe('The name of this version; every rating records the version it was computed with'),
    incidents: z
      .strictObject({
        tierPoints: z
          .strictObject({
            I: points('each tier I (especially major) incident that occurred in the year'),
            II: points('each tier II (major) incident that occurred in the year'),
            III: points('each tier III (relatively large) incident that occurred in the year'),
            IV: points('each tier IV (general) incident that occurred in the year'),
          })
          .describe("Points per incident by its effective tier: the more serious of the reporter's tier and the figures' tier"),
        tierThresholds: z
          .strictObject({ I: tierFigures('I'), II: tierFigures('II'), III: tierFigures('III') })
          .describe('The figures that make an incident at least a given tier; below tier III thresholds it is tier IV'),
        reportDeadlineHours: z
          .strictObject({
            I: positive('Hours after discovery within which a tier I incident must be reported'),
            II: positive('Hours after discovery within which a tier II incident must be reported'),
            III: positive('Hours after discovery within which a tier III incident must be reported'),
            IV: positive('Hours after discovery within which a tier IV incident must be reported'),
          })
          .describe('Reporting deadlines by effective tier; a report exactly at the deadline is on time'),
        latePoints: points('each incident of the year reported after its deadline'),
        concealedPoints: points('each incident of the year marked concealed (瞒报)'),
      })
      .describe('Incidents (事件事故), counted in the year they occurred'),
    hazards: z
      .strictObject({
        foundPoints: z
          .strictObject({
            general: points('each general hazard found in the year'),
            major: points('each major hazard found in the year'),
          })
          .describe('Points per hazard found in the year'),
        overduePoints: z
          .strictObject({
            general: points('each general hazard overdue for rectification at some time in the year'),
            major: points('each major hazard overdue for rectification at some time in the year'),
          })
          .describe('Points per hazard, found in any year, that was overdue at some time in the year'),
        majorOverdueFloorDays: z
          .int()
          .min(0)
          .describe(
            'A major hazard still not rectified whose due date is more than this many days past sets the floor hazard.major_overdue_90d',
          ),
      })
      .describe('Hazards (风险隐患), counted in the year they were found, and overdue rectification'),
    controls: z
      .strictObject({
        unassessedStartPoints: points('each project started in the year without an approved risk assessment at its start'),
        unpermittedStartPoints: points('each project needing a permit that started in the year without one at its start'),
        unfiledStartPoints: points('each project needing filing that started in the year unfiled at its start'),
      })
      .describe('Prevention controls on project starts'),
    ethics: z
      .strictObject({
        committeeRegistrationDays: positive('Days after set-up within which an ethics committee must register'),
        activityRegistrationDays: positive('Days after ethics approval within which a list-managed activity must register'),
        lateRegistrationPoints: points('each registration whose deadline fell in the year and was missed'),
        annualReportDue: z
          .strictObject({
            month: z.int().min(1).max(12).describe('Month (1-12) of the annual report deadline, in the year after the one reported on'),
            day: z.int().min(1).max(31).describe('Day of that month; the report must be submitted before 00:00 local time of this day'),
          })
          .describe('The annual ethics report for a year must be submitted before this local date of the following year'),
        lateAnnualReportPoints: points("a unit that had an ethics committee and missed the previous year's annual report"),
      })
      .describe('Ethics-compliance duties'),
    levelThresholds: z
      .strictObject({
        yellow: positive('Points at or above which the level by points is at least yellow'),
        orange: positive('Points at or above which the level by points is at least orange'),
        red: positive('Points at or above which the level by points is red'),
      })
      .describe('Level by points: below the yellow threshold a unit is blue'),
    floors: z
      .strictObject({
        'incident.tier1': floorLevel('it had a tier I incident in the year'),
        'incident.tier2': floorLevel('it had a tier II incident in the year'),
        'incident.tier3': floorLevel('it had a tier III incident in the year'),
        'incident.concealed': floorLevel('it had a concealed incident in the year'),
        'hazard.major_overdue_90d': floorLevel('a major hazard is still not rectified long after its due date'),
        'control.unassessed_start': floorLevel('a project started in the year without an approved assessment'),
        'control.unpermitted_start': floorLevel('a project needing a permit started in the year without one'),
      })
      .describe("The unit's level is the worse of its level by points and the highest floor that applies"),
  })
  .superRefine((rules, ctx) => {
    const { tierThresholds, tierPoints } = rules.incidents;
    // A more serious tier needs larger figures; otherwise "the tier the figures imply" is ambiguous.
    for (const figure of ['deaths', 'seriousInjuries', 'directLossCny'] as const) {
      if (!(tierThresholds.II[figure] < tierThresholds.I[figure])) {
        ctx.addIssue({
          code: 'custom',
          path: ['incidents', 'tierThresholds', 'II', figure],
          message: `Must be below tier I's threshold (${tierThresholds.I[figure]})`,
        });
      }
      if (!(tierThresholds.III[figure] < tierThresholds.II[figure])) {
        ctx.addIssue({
          code: 'custom',
          path: ['incidents', 'tierThresholds', 'III', figure],
          message: `Must be below tier II's threshold (${tierThresholds.II[figure]})`,
        });
      }
    }
    // Raising an incident to a more serious tier must never lower the unit's points.
    const tiers = ['I', 'II', 'III', 'IV'] as const;
    for (let i = 1; i < tiers.length; i++) {
      const more = tiers[i - 1]!;
      const less = tiers[i]!;
      if (tierPoints[less] > tierPoints[more]) {
        ctx.addIssue({
          code: 'custom',
          path: ['incidents', 'tierPoints', less],
          message: `Must not exceed tier ${more}'s points (${tierPoints[more]})`,
        });
      }
    }
    const { yellow, orange, red } = rules.levelThresholds;
    if (!(orange > yellow)) {
      ctx.addIssue({ code: 'custom', path: ['levelThresholds', 'orange'], message: `Must be above yellow (${yellow})` });
    }
    if (!(red > orange)) {
      ctx.addIssue({ code: 'custom', path: ['levelThresholds', 'red'], message: `Must be above orange (${orange})` });
    }
    // 29 February is refused too: a deadline that exists only in leap years is not a yearly deadline.
    const { month, day } = rules.ethics.annualReportDue;
    const probe = new Date(Date.UTC(2001, month - 1, day));
    if (probe.getUTCMonth() !== month - 1) {
      ctx.addIssue({ code: 'custom', path: ['ethics', 'annualReportDue', 'day'], message: `Month ${month} has no day ${day}` });
    }
  });

export type RatingRuleSet = z.infer<typeof ratingRuleSetSchema>;
