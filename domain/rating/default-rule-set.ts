import { ratingRuleSetSchema, type RatingRuleSet } from '@/domain/rating/rule-set';

// The default rule set `cas-2019-v1`: exactly the numbers of RATING.md §1-4. Parsed at module load so a
// typo here fails the first import (and every test), never a rating.
const body = {
  version: 'cas-2019-v1',
  incidents: {
    tierPoints: { I: 100, II: 50, III: 20, IV: 5 },
    tierThresholds: {
      I: { deaths: 30, seriousInjuries: 100, directLossCny: 100_000_000 },
      II: { deaths: 10, seriousInjuries: 50, directLossCny: 50_000_000 },
      III: { deaths: 3, seriousInjuries: 10, directLossCny: 10_000_000 },
    },
    reportDeadlineHours: { I: 2, II: 2, III: 24, IV: 72 },
    latePoints: 5,
    concealedPoints: 20,
  },
  hazards: {
    foundPoints: { general: 1, major: 4 },
    overduePoints: { general: 2, major: 6 },
    majorOverdueFloorDays: 90,
  },
  controls: { unassessedStartPoints: 5, unpermittedStartPoints: 5, unfiledStartPoints: 3 },
  ethics: {
    committeeRegistrationDays: 30,
    activityRegistrationDays: 30,
    lateRegistrationPoints: 2,
    annualReportDue: { month: 4, day: 1 },
    lateAnnualReportPoints: 2,
  },
  levelThresholds: { yellow: 10, orange: 25, red: 50 },
  floors: {
    'incident.tier1': 'red',
    'incident.tier2': 'red',
    'incident.tier3': 'orange',
    'incident.concealed': 'orange',
    'hazard.major_overdue_90d': 'orange',
    'control.unassessed_start': 'yellow',
    'control.unpermitted_start': 'yellow',
  },
};

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

// Frozen because it is shared by every caller: an accidental edit would change other units' ratings.
export const CAS_2019_V1: RatingRuleSet = deepFreeze(ratingRuleSetSchema.parse(body));
