import { z } from 'zod';
import { apiRoute } from '@/server/api/route';
import { ApiError } from '@/server/errors';
import { apiLocale } from '@/server/api/locale';
import { instantParam } from '@/server/api/record-routes';
import { MAX_UNITS_PER_PAGE, ratingsForApi, UNITS_PER_PAGE } from '@/features/rating/api-ratings';
import { FieldProblem } from '@/domain/errors';
import { translate } from '@/domain/i18n/translate';
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
      cursor: z.string().max(64).optional(),
      limit: z.coerce.number().int().min(1).max(MAX_UNITS_PER_PAGE).default(UNITS_PER_PAGE),
      contributionsCursor: z
        .string()
        .regex(/^(r\d{1,15}\.\d{1,15}|o\d{1,15})$/)
        .optional(),
    })
    .superRefine((q, ctx) => {
      if (q.asOf && evaluationInstant(q.year, q.asOf).getTime() < yearStart(q.year).getTime())
        ctx.addIssue({ code: 'custom', path: ['asOf'], message: 'validation.asOfBeforeYear', params: { year: q.year } });
      // A stored rating's cursor ("r…") pages the answer without asOf, a live one's ("o…") the answer with it.
      if (q.contributionsCursor && (!q.unit || q.contributionsCursor.startsWith('o') !== Boolean(q.asOf)))
        ctx.addIssue({ code: 'custom', path: ['contributionsCursor'], message: 'validation.contributionsCursorAlone' });
    });

/**
 * GET /api/v1/ratings?year=Y[&asOf=ISO][&unit=CODE][&cursor=][&limit=][&contributionsCursor=]: a bounded page
 * of the ratings in the caller's scope (decision 039). Without asOf, the stored ratings the ratings page
 * shows; with asOf, evaluated at that instant.
 */
export const GET = apiRoute(async ({ req, actor, db }) => {
  const now = new Date();
  const q = query(now).parse(Object.fromEntries(new URL(req.url).searchParams));
  try {
    return await ratingsForApi(db, actor, q, now);
  } catch (error) {
    if (!(error instanceof FieldProblem)) throw error;
    const locale = apiLocale(req);
    const code = error.key === 'validation.ratingRecomputed' ? 'conflict' : 'validation_failed';
    throw new ApiError(code, (l) => translate(l, 'api.invalidRequest'), [{ field: error.field, message: error.localized(locale) }]);
  }
});
