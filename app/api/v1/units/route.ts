import { z } from 'zod';
import { apiRoute } from '@/server/api/route';
import { listUnitsPage } from '@/db/units/units';
import { unitKinds } from '@/db/schema';
import { asItems, readJsonBody } from '@/server/api/body';
import { canManageUnits } from '@/domain/auth/roles';
import { MAX_BATCH } from '@/server/api/record-routes';
import { submitUnits } from '@/features/units/submit-units';

export const dynamic = 'force-dynamic';

const query = z.object({
  kind: z.enum(unitKinds).optional(),
  cursor: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});

/** The units in the caller's scope, in id order, paginated by an opaque cursor. */
export const GET = apiRoute(async ({ req, actor, db }) => {
  const params = query.parse(Object.fromEntries(new URL(req.url).searchParams));
  const page = await listUnitsPage(db, actor.scope, params);
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

/** Creates or updates units by code (office and administrators), all or nothing. */
export const POST = apiRoute({ allow: canManageUnits, refusal: 'validation.officeOnly' }, async ({ req, actor, db }) => {
  const items = asItems(await readJsonBody(req), MAX_BATCH);
  const result = await submitUnits(db, actor, items, new Date());
  return { created: result.created, updated: result.updated, unchanged: result.unchanged, ids: result.ids };
});
