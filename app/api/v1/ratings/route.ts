import { z } from 'zod';
import { apiRoute } from '@/server/api/route';
import { instantParam } from '@/server/api/record-routes';
import { unitByCode } from '@/db/queries/units';
import { activeRatingRuleSet } from '@/db/queries/rule-sets';
import { storedRatings } from '@/db/queries/ratings';
import { rateInstitutes, yearHasEnded } from '@/features/rating/rate-institutes';
import { liveRatingToApi, storedRatingToApi } from '@/features/rating/api-shape';
import { evaluationInstant } from '@/domain/rating/evaluate';
import { ratedYearSchema } from '@/domain/records/date-range';
import { yearStart } from '@/domain/time/shanghai';

export const dynamic = 'force-dynamic';

// The year is checked against the one range the pages and their pickers use (domain/records/date-range.ts).
const query = (now: Date) =>
  z
    .object({
      year: ratedYearSchema(now),
      asOf: instantParam,
      unit: z.string().max(64).optional(),
    })
    .superRefine((q, ctx) => {
      if (q.asOf && evaluationInstant(q.year, q.asOf).getTime() < yearStart(q.year).getTime())
        ctx.addIssue({ code: 'custom', path: ['asOf'], message: 'validation.asOfBeforeYear', params: { year: q.year } });
    });

/**
 * GET /api/v1/ratings?year=Y[&asOf=ISO][&unit=CODE]: one entry per rated unit in the caller's scope.
 * A published year answers its frozen ratings; otherwise (or with asOf) the ratings are evaluated now from
 * the records, at the end of a past year or at the current instant.
 */
export const GET = apiRoute(({ req, actor, db }) => {
  const now = new Date();
  const q = query(now).parse(Object.fromEntries(new URL(req.url).searchParams));
  const T = evaluationInstant(q.year, q.asOf ?? now);
  let only: number[] | undefined;
  if (q.unit) {
    const unit = unitByCode(db, q.unit);
    if (!unit || unit.kind !== 'institute' || !(actor.scope.all || actor.scope.unitIds.includes(unit.id)))
      return { data: [], nextCursor: null };
    only = [unit.id];
  } else if (!actor.scope.all) {
    only = [...actor.scope.unitIds];
  }
  if (!q.asOf) {
    const published = storedRatings(db, actor.scope, q.year, 'published', only);
    if (published.length) return { data: published.map(storedRatingToApi), nextCursor: null };
  }
  const status = yearHasEnded(q.year, T) ? 'final' : 'provisional';
  const rated = rateInstitutes(db, activeRatingRuleSet(db), q.year, { asOf: T, only });
  return { data: rated.map((r) => liveRatingToApi(r, status)), nextCursor: null };
});
