import { z } from 'zod';
import type { RecordKind } from '@/db/records/record-kinds';
import { listRecordsForApi } from '@/db/records/api-page';
import { activeRatingRuleSet } from '@/db/rule-sets/rating-rule-sets';
import { withEffectiveTier } from '@/features/records/api-shape';
import { unitByCode } from '@/db/units/units';
import { canSee } from '@/domain/auth/actor';
import { kindDefs } from '@/features/records/kinds';
import { lateByDefaultWarning } from '@/domain/incidents/late-by-default';
import { submitBatch } from '@/features/records/submit-off-thread';
import { canSubmitRecords } from '@/domain/auth/roles';
import { parseInstant } from '@/domain/records/instant';
import { asItems, readJsonBody } from '@/server/api/body';
import { apiLocale } from '@/server/api/locale';
import { apiRoute } from '@/server/api/route';

/** API.md: one object or an array of up to 5,000. */
export const MAX_BATCH = 5000;

/**
 * `POST /api/v1/{kind}`: validates everything, then stores all of it or nothing. A large batch is written
 * off this thread by the import pool (decision 032); past the pool's queue the answer is 503 with Retry-After.
 */
export function recordWriteRoute(kind: RecordKind) {
  return apiRoute({ allow: canSubmitRecords, refusal: 'validation.readOnlyRole' }, async ({ req, actor, db }) => {
    const body = await readJsonBody(req);
    const items = asItems(body, MAX_BATCH);
    // A refusal, a full pool (503 with Retry-After) or a busy database is answered by server/errors.ts.
    const result = await submitBatch(db, actor, kind, items, { now: new Date(), source: 'api' });
    const answer = { created: result.created, updated: result.updated, unchanged: result.unchanged, ids: result.ids };
    // Added only when there is something to say, so every other answer stays exactly as API.md shows it.
    const late = result.lateByDefault ?? [];
    return late.length ? { ...answer, warnings: late.map((w) => lateByDefaultWarning(w, apiLocale(req))) } : answer;
  });
}

/** An optional instant in a query string (`from`, `to`, `asOf`), by the same rules as request bodies. */
export const instantParam = z
  .string()
  .optional()
  .transform((text, ctx) => {
    if (text === undefined || text === '') return undefined;
    const parsed = parseInstant(text);
    if (parsed.ok) return parsed.value;
    ctx.addIssue({ code: 'custom', message: 'must be a date YYYY-MM-DD or an ISO timestamp with an offset' });
    return z.NEVER;
  });

const listQuery = z.object({
  unit: z.string().max(64).optional(),
  from: instantParam,
  to: instantParam,
  cursor: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});

/** `GET /api/v1/{kind}?unit=&from=&to=&cursor=`: records in the caller's scope, paginated. */
export function recordListRoute(kind: RecordKind) {
  return apiRoute(async ({ req, actor, db }) => {
    const q = listQuery.parse(Object.fromEntries(new URL(req.url).searchParams));
    let unitPath: string | undefined;
    if (q.unit) {
      const unit = await unitByCode(db, q.unit);
      // An unknown unit and one outside the scope answer alike: an empty page, nothing to probe.
      if (!unit || !canSee(actor.scope, unit.id)) return { data: [], nextCursor: null };
      unitPath = unit.path;
    }
    const page = await listRecordsForApi(db, actor.scope, kindDefs[kind], {
      unitPath,
      from: q.from,
      to: q.to,
      cursor: q.cursor,
      limit: q.limit,
    });
    if (kind !== 'incidents') return page;
    const ruleSet = await activeRatingRuleSet(db);
    return { ...page, data: page.data.map((r) => withEffectiveTier(r, ruleSet)) };
  });
}
