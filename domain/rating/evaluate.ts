import { yearStart } from '@/domain/time/shanghai';
import { scoreProjectStarts } from '@/domain/rating/control-rules';
import { scoreAnnualReport, scoreEthicsRegistrations } from '@/domain/rating/ethics-rules';
import { scoreHazards } from '@/domain/rating/hazard-rules';
import { scoreIncidents } from '@/domain/rating/incident-rules';
import { levelByPoints, worseLevel } from '@/domain/rating/level';
import { ratingWindow, Scores, yearEnd } from '@/domain/rating/rating-window';
import { floorRuleIds, ratingRuleIds, type FloorRuleId, type RatingRuleId } from '@/domain/rating/rule-ids';
import type { RatingRuleSet } from '@/domain/rating/rule-set';
import { recordKindNames, type Contribution, type FloorHit, type Rating, type RatingRecords } from '@/domain/rating/types';

export { effectiveTier, impliedTier } from '@/domain/incidents/effective-tier';
export { levelByPoints, worseLevel } from '@/domain/rating/level';

/** T for year Y: the end of local year Y, or `now` if that is earlier (a provisional rating). */
export function evaluationInstant(year: number, now: Date): Date {
  const end = yearStart(year + 1);
  return now.getTime() < end.getTime() ? new Date(now.getTime()) : end;
}

/**
 * Rates one institute for local year `year` at `asOf` (RATING.md §1-4). Pure: the same records, rule set,
 * year and instant give a deep-equal rating. `asOf` is explicit so a rating never depends on the clock;
 * a later instant is clamped to the end of the year, an earlier one than its start is refused.
 */
export function evaluate(records: RatingRecords, ruleSet: RatingRuleSet, year: number, asOf: Date): Rating {
  if (!Number.isInteger(year)) throw new RangeError(`Not a year: ${year}`);
  const asOfMs = Math.min(asOf.getTime(), yearEnd(year));
  const w = ratingWindow(year, asOfMs, ruleSet);
  // NaN fails this comparison too.
  if (!(asOfMs >= w.start)) throw new RangeError(`Cannot rate ${year} as of ${String(asOf)}: the year has not started`);

  const scored = new Scores();
  scoreIncidents(records.incidents, w, scored);
  scoreHazards(records.hazards, w, scored);
  scoreProjectStarts(records.projects, records.assessments, w, scored);
  scoreEthicsRegistrations(records.ethicsCommittees, records.ethicsActivities, w, scored);
  scoreAnnualReport(records.ethicsCommittees, records.annualReports, w, scored);

  const contributions = inExplanationOrder(scored);
  const floors: FloorHit[] = [];
  let points = 0;
  let highestFloor: Rating['level'] = 'blue';
  for (const c of contributions) {
    points += c.points;
    if (c.floor !== null && isFloorRule(c.rule)) {
      floors.push({ floor: c.floor, rule: c.rule, kind: c.kind, recordId: c.recordId, externalId: c.externalId });
      highestFloor = worseLevel(highestFloor, c.floor);
    }
  }
  const byPoints = levelByPoints(points, ruleSet);
  return {
    year,
    asOf: new Date(asOfMs),
    ruleSetVersion: ruleSet.version,
    points,
    levelByPoints: byPoints,
    floors,
    level: worseLevel(byPoints, highestFloor),
    contributions,
  };
}

const ruleRank = new Map<RatingRuleId, number>(ratingRuleIds.map((rule, i) => [rule, i]));
const kindRank = new Map(recordKindNames.map((kind, i) => [kind, i]));
const floorRules: ReadonlySet<string> = new Set(floorRuleIds);

function isFloorRule(rule: RatingRuleId): rule is FloorRuleId {
  return floorRules.has(rule);
}

// Rule order, then record instant, then kind and id: a total order on the output, so the order of the
// input rows (which the database does not promise) never shows in the rating. Positions are sorted, with
// each contribution's rule rank looked up once beforehand rather than in the comparator (n log n calls).
function inExplanationOrder({ contributions: cs, at }: Scores): Contribution[] {
  const rank = cs.map((c) => ruleRank.get(c.rule)!);
  const order = cs.map((_, i) => i);
  order.sort(
    (i, j) =>
      rank[i]! - rank[j]! ||
      at[i]! - at[j]! ||
      kindRank.get(cs[i]!.kind)! - kindRank.get(cs[j]!.kind)! ||
      cs[i]!.recordId - cs[j]!.recordId ||
      (cs[i]!.externalId < cs[j]!.externalId ? -1 : cs[i]!.externalId > cs[j]!.externalId ? 1 : 0),
  );
  return order.map((i) => cs[i]!);
}
