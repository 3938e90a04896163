import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import { rawGet } from '@/db/engine';
import type { Queryable } from '@/db/tx';
import { ratings, units } from '@/db/schema';
import { ratingFigures, ratingsOf, type StoredRating, type StoredStatus } from '@/db/rating/ratings';
import type { Scope } from '@/domain/auth/actor';
import { inScope } from '@/db/scope';
import { jsonArrayHead, jsonArrayLength } from '@/db/sql/dialect';

// The reads behind GET /api/v1/ratings, each bounded however many records an institute files (decision
// 039): ratings a page of units at a time, a rating's floors only the first few (150,000 overdue major
// hazards would make a floors list of megabytes), and how many records institutes hold counted only up to
// a bound. A rating's lines are read by rating-lines.ts.

/** A stored rating without its lines, with its first floors and how many it has. */
export interface RatingHead extends Omit<StoredRating, 'contributions' | 'computedAt' | 'publishedAt'> {
  floorsTotal: number;
}

/**
 * Year Y's stored ratings of one status in scope, in unit-code order, after unit code `after`, at most
 * `limit`; each with its first `floorsLimit` floors, cut in SQL so a huge list is never parsed.
 */
export async function storedRatingHeads(
  q: Queryable,
  scope: Scope,
  year: number,
  status: StoredStatus,
  opts: { only?: readonly number[]; after?: string; limit: number; floorsLimit: number },
): Promise<RatingHead[]> {
  const rows = await q
    .select({
      id: ratings.id,
      instituteId: ratings.instituteId,
      unitCode: units.code,
      ...ratingFigures,
      floors: jsonArrayHead(q, ratings.floors, opts.floorsLimit),
      floorsTotal: jsonArrayLength(q, ratings.floors),
    })
    .from(ratings)
    .innerJoin(units, eq(units.id, ratings.instituteId))
    .where(and(ratingsOf(year, status, scope, opts.only), opts.after !== undefined ? gt(units.code, opts.after) : undefined))
    .orderBy(asc(units.code))
    .limit(opts.limit);
  return rows.map((r) => ({ ...r, floors: JSON.parse(r.floors) as StoredRating['floors'] }));
}

/** Institutes in scope (or only those given), in code order after code `after`, at most `limit`. */
export function institutesPage(
  q: Queryable,
  scope: Scope,
  opts: { only?: readonly number[]; after?: string; limit: number },
): Promise<{ id: number; code: string }[]> {
  return q
    .select({ id: units.id, code: units.code })
    .from(units)
    .where(
      and(
        eq(units.kind, 'institute'),
        inScope(units.id, scope),
        opts.only ? inArray(units.id, [...opts.only]) : undefined,
        opts.after !== undefined ? gt(units.code, opts.after) : undefined,
      ),
    )
    .orderBy(asc(units.code))
    .limit(opts.limit);
}

/**
 * How many hazards, incidents and projects each institute holds, counted through the institute indexes and
 * only up to `cap` + 1 each: enough to tell which institutes are too large to rate inside a request, at a
 * cost bounded by the cap, never by the largest institute.
 */
export async function recordCountsUpTo(q: Queryable, ids: readonly number[], cap: number): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  const limit = cap + 1;
  for (const id of ids) {
    const row = await rawGet<{ n: number }>(
      q,
      sql`SELECT (SELECT count(*) FROM (SELECT 1 FROM hazards WHERE institute_id = ${id} LIMIT ${limit}) AS h)
               + (SELECT count(*) FROM (SELECT 1 FROM incidents WHERE institute_id = ${id} LIMIT ${limit}) AS i)
               + (SELECT count(*) FROM (SELECT 1 FROM projects WHERE institute_id = ${id} LIMIT ${limit}) AS p) AS n`,
    );
    out.set(id, row!.n);
  }
  return out;
}
