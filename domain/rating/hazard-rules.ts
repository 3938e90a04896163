import type { Level } from '@/domain/reference/level-codes';
import { DAY_MS } from '@/domain/time/shanghai';
import type { RatingWindow, Scores } from '@/domain/rating/rating-window';
import type { Contribution, HazardDetail, HazardRecord, HazardRuleId } from '@/domain/rating/types';

// The rule ids as constants: a template literal would build a new string for every contribution, which the
// explanation order then hashes again (measured: about a sixth of the evaluation's time, 2,000 institutes with 54,000 hazards).
const foundRule = { general: 'hazard.general', major: 'hazard.major' } as const;
const overdueRule = { general: 'hazard.overdue.general', major: 'hazard.overdue.major' } as const;

/**
 * hazard.general/major for hazards found in Y; hazard.overdue.* for hazards, found in any year, whose
 * overdue span [due, min(rectified, T)) is non-empty and overlaps [start of Y, T); and the long-overdue
 * floor hazard.major_overdue_90d as a zero-point contribution, so every floor has a line of its own.
 */
export function scoreHazards(hazards: readonly HazardRecord[], w: RatingWindow, out: Scores): void {
  const { hazards: rules, floors } = w.ruleSet;
  const longOverdueBefore = w.asOf - rules.majorOverdueFloorDays * DAY_MS;
  for (const hazard of hazards) {
    if (hazard.withdrawn) continue;
    const found = hazard.foundAt.getTime();
    // A hazard found at or after T did not exist yet at T: a provisional rating must not see it.
    if (found >= w.asOf) continue;
    const due = hazard.dueAt.getTime();
    const rectified = hazard.rectifiedAt === null ? null : hazard.rectifiedAt.getTime();
    const overdueEnd = rectified === null || rectified > w.asOf ? w.asOf : rectified;
    // Rectified exactly at the due instant gives an empty span: not overdue.
    const overdue = due < overdueEnd && overdueEnd > w.start;
    const foundInYear = found >= w.start;
    if (!foundInYear && !overdue) continue;

    const detail: HazardDetail = {
      severity: hazard.severity,
      foundAt: hazard.foundAt,
      dueAt: hazard.dueAt,
      rectifiedAt: hazard.rectifiedAt,
      overdueDays: overdue ? Math.floor((overdueEnd - due) / DAY_MS) : null,
    };
    if (foundInYear) {
      out.add(contribution(hazard, foundRule[hazard.severity], rules.foundPoints[hazard.severity], null, detail), found);
    }
    if (!overdue) continue;
    out.add(contribution(hazard, overdueRule[hazard.severity], rules.overduePoints[hazard.severity], null, detail), due);
    // "Not rectified at T" includes a rectification exactly at T: the rated period [start, T) is half-open,
    // so an event at T is outside it, as it is for the overdue span above. "More than N days" is strict.
    // Requiring `overdue` as well only matters when T is the start of Y: an empty year sets no floor.
    const floor = floors['hazard.major_overdue_90d'];
    if (floor !== null && hazard.severity === 'major' && (rectified === null || rectified >= w.asOf) && due < longOverdueBefore) {
      out.add(contribution(hazard, 'hazard.major_overdue_90d', 0, floor, detail), due);
    }
  }
}

function contribution(hazard: HazardRecord, rule: HazardRuleId, points: number, floor: Level | null, detail: HazardDetail): Contribution {
  return { rule, kind: 'hazards', recordId: hazard.id, externalId: hazard.externalId, points, floor, detail };
}
