import { apiRoute } from '@/server/api/route';
import { ApiError } from '@/server/errors';
import { bulletinByMonth } from '@/db/bulletins/bulletins';
import { isMonth } from '@/domain/time/months';
import { bulletinView } from '@/domain/bulletins/view';
import { bulletinToApi } from '@/domain/bulletins/api-shape';

export const dynamic = 'force-dynamic';

/** GET /api/v1/bulletins/YYYY-MM: the stored monthly bulletin, limited to the caller's scope. */
export const GET = apiRoute<{ month: string }>(async ({ actor, db, params }) => {
  if (!isMonth(params.month))
    throw new ApiError('bad_request', `"${params.month}" is not a month; use YYYY-MM, e.g. 2026-10.`, [
      { field: 'month', message: 'must be YYYY-MM' },
    ]);
  const stored = await bulletinByMonth(db, params.month);
  if (!stored)
    throw new ApiError(
      'not_found',
      `The bulletin for ${params.month} has not been generated. A month's bulletin is generated at 08:00 Asia/Shanghai on the 1st of the next month.`,
    );
  return bulletinToApi(bulletinView(stored, actor.scope));
});
