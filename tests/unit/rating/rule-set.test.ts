import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CAS_2019_V1 } from '@/domain/rating/default-rule-set';
import { ratingRuleSetSchema, type RatingRuleSet } from '@/domain/rating/rule-set';

// A deep copy the tests can break one field at a time.
const copy = (): RatingRuleSet => structuredClone(CAS_2019_V1) as RatingRuleSet;

function issuesOf(body: unknown) {
  const result = ratingRuleSetSchema.safeParse(body);
  expect(result.success).toBe(false);
  return result.error!.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

describe('the default rule set cas-2019-v1', () => {
  it('is exactly the numbers of RATING.md §1-4', () => {
    expect(CAS_2019_V1).toEqual({
      version: 'cas-2019-v1',
      incidents: {
        // §3 incident.tier1-4: I 100, II 50, III 20, IV 5
        tierPoints: { I: 100, II: 50, III: 20, IV: 5 },
        // I: ≥ 30 deaths / ≥ 100 serious injuries / ≥ 100,000,000 CNY; II: 10 / 50 / 50 M; III: 3 / 10 / 10 M
        tierThresholds: {
          I: { deaths: 30, seriousInjuries: 100, directLossCny: 100_000_000 },
          II: { deaths: 10, seriousInjuries: 50, directLossCny: 50_000_000 },
          III: { deaths: 3, seriousInjuries: 10, directLossCny: 10_000_000 },
        },
        // I-II 2 h, III 24 h, IV 72 h; late 5; concealed 20
        reportDeadlineHours: { I: 2, II: 2, III: 24, IV: 72 },
        latePoints: 5,
        concealedPoints: 20,
      },
      // found general 1 / major 4; overdue general 2 / major 6; major hazard overdue > 90 days → floor
      hazards: { foundPoints: { general: 1, major: 4 }, overduePoints: { general: 2, major: 6 }, majorOverdueFloorDays: 90 },
      // unassessed 5, unpermitted 5, unfiled 3
      controls: { unassessedStartPoints: 5, unpermittedStartPoints: 5, unfiledStartPoints: 3 },
      // committee set-up + 30 days, activity approval + 30 days, 2 points; annual report before 1 April 00:00, 2 points
      ethics: {
        committeeRegistrationDays: 30,
        activityRegistrationDays: 30,
        lateRegistrationPoints: 2,
        annualReportDue: { month: 4, day: 1 },
        lateAnnualReportPoints: 2,
      },
      // blue 0-9, yellow 10-24, orange 25-49, red ≥ 50
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
    });
  });

  it('round-trips through JSON, as it is stored', () => {
    expect(ratingRuleSetSchema.parse(JSON.parse(JSON.stringify(CAS_2019_V1)))).toEqual(CAS_2019_V1);
  });

  it('is frozen, so no caller can change it for everyone', () => {
    expect(Object.isFrozen(CAS_2019_V1.incidents.tierPoints)).toBe(true);
    expect(() => {
      (CAS_2019_V1.levelThresholds as { red: number }).red = 1;
    }).toThrow(TypeError);
  });
});

describe('the rule-set schema', () => {
  it('refuses level thresholds out of order, naming the field', () => {
    const body = copy();
    body.levelThresholds.orange = 10;
    expect(issuesOf(body)).toEqual([{ path: 'levelThresholds.orange', message: 'Must be above yellow (10)' }]);
    const body2 = copy();
    body2.levelThresholds.red = 20;
    expect(issuesOf(body2)).toEqual([{ path: 'levelThresholds.red', message: 'Must be above orange (25)' }]);
  });

  it('refuses tier thresholds out of order, naming the field', () => {
    const body = copy();
    body.incidents.tierThresholds.II.deaths = 30;
    expect(issuesOf(body)).toEqual([{ path: 'incidents.tierThresholds.II.deaths', message: "Must be below tier I's threshold (30)" }]);
    const body2 = copy();
    body2.incidents.tierThresholds.III.directLossCny = 60_000_000;
    expect(issuesOf(body2).map((i) => i.path)).toEqual(['incidents.tierThresholds.III.directLossCny']);
  });

  it('refuses tier points that reward under-tiering', () => {
    const body = copy();
    body.incidents.tierPoints.IV = 30;
    expect(issuesOf(body).map((i) => i.path)).toEqual(['incidents.tierPoints.IV']);
  });

  it('refuses negative points, naming the field', () => {
    const body = copy();
    body.incidents.latePoints = -5;
    expect(issuesOf(body).map((i) => i.path)).toEqual(['incidents.latePoints']);
    const body2 = copy();
    body2.hazards.overduePoints.major = -1;
    expect(issuesOf(body2).map((i) => i.path)).toEqual(['hazards.overduePoints.major']);
  });

  it('refuses fractions, zero thresholds, impossible dates, unknown levels and misspelt fields', () => {
    const fraction = copy();
    fraction.controls.unfiledStartPoints = 2.5;
    expect(issuesOf(fraction).map((i) => i.path)).toEqual(['controls.unfiledStartPoints']);
    const zero = copy();
    zero.incidents.reportDeadlineHours.III = 0;
    expect(issuesOf(zero).map((i) => i.path)).toEqual(['incidents.reportDeadlineHours.III']);
    const feb30 = copy();
    feb30.ethics.annualReportDue = { month: 2, day: 30 };
    expect(issuesOf(feb30).map((i) => i.path)).toEqual(['ethics.annualReportDue.day']);
    const level = JSON.parse(JSON.stringify(CAS_2019_V1));
    level.floors['incident.tier3'] = 'purple';
    expect(issuesOf(level).map((i) => i.path)).toEqual(['floors.incident.tier3']);
    const typo = JSON.parse(JSON.stringify(CAS_2019_V1));
    typo.hazards.overduePoint = { general: 9, major: 9 };
    expect(issuesOf(typo)[0]!.path).toBe('hazards');
  });

  it('accepts an edited copy with a floor switched off', () => {
    const body = copy();
    body.version = 'academy-2026-v2';
    body.floors['control.unassessed_start'] = null;
    body.levelThresholds = { yellow: 12, orange: 30, red: 60 };
    expect(ratingRuleSetSchema.parse(body)).toEqual(body);
  });

  it('describes every field, so a page can show the rule set in plain language', () => {
    const undescribed: string[] = [];
    const walk = (schema: z.ZodType, path: string) => {
      if (!schema.description) undescribed.push(path);
      if (schema instanceof z.ZodObject) {
        for (const [key, child] of Object.entries(schema.shape)) walk(child as z.ZodType, path ? `${path}.${key}` : key);
      }
    };
    for (const [key, child] of Object.entries(ratingRuleSetSchema.shape)) walk(child as z.ZodType, key);
    expect(undescribed).toEqual([]);
  });
});
