import { z } from 'zod';
import { apiRoute } from '@/lib/api/route';
import { listUnitsPage } from '@/db/queries/units';
import { unitKinds } from '@/db/schema';

export const dynamic = 'force-dynamic';

const query = z.object({
  kind: z.enum(unitKinds).optional(),
  cursor: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});

/** The units in the caller's scope, in id order, paginated by an opaque cursor. */
export const GET = apiRoute(({ req, actor, db }) => {
  const params = query.parse(Object.fromEntries(new URL(req.url).searchParams));
  const page = listUnitsPage(db, actor.scope, params);
  return {
    data: page.rows.map((u) => ({
      code: u.code,
      name: u.name,
      nameEn: u.nameEn,
      kind: u.kind,
      parentCode: u.parentCode,
      activeFrom: u.activeFrom?.toISOString() ?? null,
      activeTo: u.activeTo?.toISOString() ?? null,
    })),
    nextCursor: page.nextCursor === null ? null : String(page.nextCursor),
  };
});
