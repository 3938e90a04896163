import type { Queryable } from '@/db/tx';
import { loadRatingInputs, type RatedInstitute } from '@/db/rating/rating-inputs';
import { yearStart } from '@/domain/time/shanghai';
import { evaluate, evaluationInstant } from '@/domain/rating/evaluate';
import type { RatingRuleSet } from '@/domain/rating/rule-set';
import type { Rating } from '@/domain/rating/types';

export interface InstituteRating {
  institute: RatedInstitute;
  rating: Rating;
}

/**
 * Rates every institute of year Y (or only some) at instant `asOf` (clamped to the end of the year; by
 * default now): reads the records once, then runs the pure evaluator per institute.
 */
export async function rateInstitutes(
  q: Queryable,
  ruleSet: RatingRuleSet,
  year: number,
  opts: { asOf?: Date; only?: readonly number[] } = {},
): Promise<InstituteRating[]> {
  const asOf = evaluationInstant(year, opts.asOf ?? new Date());
  // One consistent read of every input (bulk queries, never one per institute), then pure evaluation.
  const { institutes, records } = await loadRatingInputs(q, { start: yearStart(year), asOf }, ruleSet, opts.only);
  return institutes.map((institute) => ({ institute, rating: evaluate(records.get(institute.id)!, ruleSet, year, asOf) }));
}

/** Whether year Y has ended at `now`: its rating is then final, otherwise provisional. */
export function yearHasEnded(year: number, now: Date): boolean {
  return now.getTime() >= yearStart(year + 1).getTime();
}
