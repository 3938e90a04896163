import { z } from 'zod';
import { apiRoute } from '@/server/api/route';
import { instantParam } from '@/server/api/record-routes';
import { alertsForApi } from '@/db/alerts/alerts';

export const dynamic = 'force-dynamic';

const query = z.object({
  from: instantParam,
  to: instantParam,
  cursor: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});

/**
 * GET /api/v1/alerts?from=&to=&cursor=&limit=: alerts in the caller's scope fired in [from, to), in id
 * order, paginated. An academy-wide alert (a domain surge) is in the scope of academy-wide roles only.
 */
export const GET = apiRoute(async ({ req, actor, db }) => {
  const q = query.parse(Object.fromEntries(new URL(req.url).searchParams));
  const page = await alertsForApi(db, actor.scope, q);
  return {
    data: page.data.map((a) => ({
      id: a.id,
      rule: a.rule,
      colour: a.colour,
      subjectKind: a.subjectKind,
      subjectKey: a.subjectKey,
      period: a.period,
      unitCode: a.unitCode,
      domain: a.domain,
      message: { zh: a.messageZh, en: a.messageEn },
      links: (a.details as { links?: unknown[] } | null)?.links ?? [],
      firedAt: a.firedAt.toISOString(),
      acknowledgedAt: a.acknowledgedAt?.toISOString() ?? null,
      acknowledgedBy: a.acknowledgedBy,
      acknowledgeComment: a.acknowledgeComment,
    })),
    nextCursor: page.nextCursor,
  };
});
