import { shanghaiDate, yearStart } from '@/lib/time';
import type { RatingRuleSet } from './rule-set';
import type { Contribution } from './types';

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
  return {
    year,
    ruleSet,
    start: yearStart(year).getTime(),
    asOf,
    previousStart: yearStart(year - 1).getTime(),
    annualReportDue: shanghaiDate(year, month, day).getTime(),
  };
}

/** A contribution with the record instant it is ordered by within its rule. */
export interface Scored {
  contribution: Contribution;
  at: number;
}
