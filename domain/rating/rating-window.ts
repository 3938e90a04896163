import { shanghaiDate, yearStart } from '@/domain/time/shanghai';
import type { RatingRuleSet } from '@/domain/rating/rule-set';
import type { Contribution } from '@/domain/rating/types';

// The instants a rating of year Y at T needs, computed once per evaluation as epoch milliseconds so the
// per-record rules compare plain numbers instead of calling the date library in their loops.
export interface RatingWindow {
  year: number;
  ruleSet: RatingRuleSet;
  /** Start of local year Y. */
  start: number;
  /** The evaluation instant T; "in Y" is [start, asOf). */
  asOf: number;
  /** Start of local year Y − 1, for "had an ethics committee during Y − 1". */
  previousStart: number;
  /** The annual report for Y − 1 had to be submitted before this instant of Y. */
  annualReportDue: number;
}

export function ratingWindow(year: number, asOf: number, ruleSet: RatingRuleSet): RatingWindow {
  const { month, day } = ruleSet.ethics.annualReportDue;
  const { start, previousStart, annualReportDue } = boundaries(year, month, day);
  return { year, ruleSet, start, asOf, previousStart, annualReportDue };
}

/** The start of local year Y + 1, where a final rating's T lies. */
export function yearEnd(year: number): number {
  return boundaries(year + 1, 1, 1).start;
}

// Time-zone conversions cost microseconds each; a run rates every institute for the same year, so the
// handful of boundaries is computed once per (year, due date) rather than once per institute. The cache
// only ever holds a few entries, but is bounded so a long-lived server cannot grow it without limit.
const cache = new Map<string, { start: number; previousStart: number; annualReportDue: number }>();

function boundaries(year: number, month: number, day: number) {
  const key = `${year}-${month}-${day}`;
  let found = cache.get(key);
  if (!found) {
    if (cache.size >= 64) cache.clear();
    found = {
      start: yearStart(year).getTime(),
      previousStart: yearStart(year - 1).getTime(),
      annualReportDue: shanghaiDate(year, month, day).getTime(),
    };
    cache.set(key, found);
  }
  return found;
}

/**
 * What the rules add their contributions to, each with the record instant it is ordered by within its rule.
 * Two arrays rather than a wrapper object per contribution: a rating's contributions live until it is
 * returned, and every object alive then is copied by the garbage collector (the instants are unboxed doubles).
 */
export class Scores {
  readonly contributions: Contribution[] = [];
  readonly at: number[] = [];

  add(contribution: Contribution, at: number): void {
    this.contributions.push(contribution);
    this.at.push(at);
  }
}
