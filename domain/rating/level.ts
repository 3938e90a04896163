import { levels, type Level } from '@/domain/reference/level-codes';
import type { RatingRuleSet } from './rule-set';

/** Level by points (RATING.md §4): each threshold is "at least". */
export function levelByPoints(points: number, ruleSet: RatingRuleSet): Level {
  const { yellow, orange, red } = ruleSet.levelThresholds;
  if (points >= red) return 'red';
  if (points >= orange) return 'orange';
  if (points >= yellow) return 'yellow';
  return 'blue';
}

/** The worse (more severe) of two levels; red is worst. */
export function worseLevel(a: Level, b: Level): Level {
  return levels.indexOf(a) >= levels.indexOf(b) ? a : b;
}
