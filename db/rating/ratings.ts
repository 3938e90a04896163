import { and, asc, count, eq, inArray, min, sql } from 'drizzle-orm';
import { alias } from '@/db/sql/alias';
import { first, rawAll } from '@/db/engine';
import type { Queryable } from '@/db/tx';
import { ratings, units, users } from '@/db/schema';
import type { Scope } from '@/domain/auth/actor';
import type { Level } from '@/domain/reference/level-codes';
import { inScope } from '@/db/scope';
import { descNullsLast } from '@/db/sql/dialect';

// Reading stored ratings. Storing them is rating-store.ts, publishing them rating-publish.ts; the API's
// bounded reads are rating-api.ts and rating-lines.ts.

export type StoredStatus = 'provisional' | 'final' | 'published';

export interface StoredRating {
  id: number;
  instituteId: number;
  unitCode: string;
  year: number;
  asOf: Date;
  ruleSetVersion: string;
  status: StoredStatus;
  points: number;
  levelByPoints: Level;
  level: Level;
  floors: { floor: Level; rule: string; recordKind: string; recordId: number; recordExternalId: string }[];
  computedAt: Date;
  publishedAt: Date | null;
  contributions: {
    rule: string;
    recordKind: string;
    recordId: number | null;
    recordExternalId: string | null;
    floor: Level | null;
    points: number;
  }[];
}

/** The WHERE of year Y's stored ratings of one status in scope (and, if given, of only these institutes). */
export function ratingsOf(year: number, status: StoredStatus, scope: Scope, only?: readonly number[]) {
  return and(
    eq(ratings.year, year),
    eq(ratings.status, status),
    inScope(ratings.instituteId, scope),
    only ? inArray(ratings.instituteId, [...only]) : undefined,
  );
}

/**
 * Stored ratings of a year and status within a scope, with their contributions (`lines` false: without,
 * for a page that reads them by rule in SQL, db/rating/rating-lines.ts).
 */
export async function storedRatings(
  q: Queryable,
  scope: Scope,
  year: number,
  status: StoredStatus,
  only?: readonly number[],
  lines = true,
): Promise<StoredRating[]> {
  const rows = await q
    .select({ r: ratings, unitCode: units.code })
    .from(ratings)
    .innerJoin(units, eq(units.id, ratings.instituteId))
    .where(ratingsOf(year, status, scope, only))
    .orderBy(asc(units.code));
  const byRating = new Map<number, StoredRating['contributions']>();
  const ids = lines ? rows.map((r) => r.r.id) : [];
  // Raw SQL, rows as objects: one institute may have a hundred thousand lines, and mapping them through
  // the query builder cost about 40 µs each (issue 13).
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const lines = await rawAll<{ ratingId: number } & StoredRating['contributions'][number]>(
      q,
      sql`SELECT rating_id AS "ratingId", rule, record_kind AS "recordKind", record_id AS "recordId",
                 record_external_id AS "recordExternalId", floor, points
          FROM rating_contributions WHERE rating_id IN ${chunk} ORDER BY id`,
    );
    for (const { ratingId, ...c } of lines) {
      const list = byRating.get(ratingId);
      if (list) list.push(c);
      else byRating.set(ratingId, [c]);
    }
  }
  return rows.map(({ r, unitCode }) => ({ ...r, unitCode, contributions: byRating.get(r.id) ?? [] }));
}

/** The oldest computation time of year Y's stored provisional ratings, or null when none are stored. */
export async function provisionalComputedAt(q: Queryable, year: number): Promise<Date | null> {
  const row = first(
    await q
      .select({ at: min(ratings.computedAt) })
      .from(ratings)
      .where(and(eq(ratings.year, year), eq(ratings.status, 'provisional'))),
  );
  return row?.at ? new Date(row.at) : null;
}

export interface YearSummary {
  provisional: number;
  final: number;
  published: number;
  publishedAt: Date | null;
  publishedBy: string | null;
}

/** How many ratings of year Y are stored per status (academy-wide), and who published the year, when. */
export async function ratingYearSummary(q: Queryable, year: number): Promise<YearSummary> {
  const rows = await q.select({ status: ratings.status, n: count() }).from(ratings).where(eq(ratings.year, year)).groupBy(ratings.status);
  const by = Object.fromEntries(rows.map((r) => [r.status, r.n])) as Partial<Record<StoredStatus, number>>;
  const pub = first(
    await q
      .select({ at: ratings.publishedAt, by: users.displayName })
      .from(ratings)
      .leftJoin(users, eq(users.id, ratings.publishedBy))
      .where(and(eq(ratings.year, year), eq(ratings.status, 'published')))
      .orderBy(descNullsLast(ratings.publishedAt))
      .limit(1),
  );
  return {
    provisional: by.provisional ?? 0,
    final: by.final ?? 0,
    published: by.published ?? 0,
    publishedAt: pub?.at ?? null,
    publishedBy: pub?.by ?? null,
  };
}

/** A row of the ratings table: a stored rating without its lines, with its unit's and branch's names. */
export interface RatingTableRow extends Omit<StoredRating, 'contributions' | 'publishedAt'> {
  unitName: string;
  unitNameEn: string | null;
  branchCode: string | null;
  branchName: string | null;
  branchNameEn: string | null;
}

/** What a stored rating says, as every list of them selects it (the table, the API's heads). */
export const ratingFigures = {
  year: ratings.year,
  asOf: ratings.asOf,
  ruleSetVersion: ratings.ruleSetVersion,
  status: ratings.status,
  points: ratings.points,
  levelByPoints: ratings.levelByPoints,
  level: ratings.level,
};

/** Stored ratings of a year and status in scope, with unit and branch names, without contributions. */
export async function ratingTableRows(q: Queryable, scope: Scope, year: number, status: StoredStatus): Promise<RatingTableRow[]> {
  const branch = alias(units, 'branch');
  return q
    .select({
      id: ratings.id,
      instituteId: ratings.instituteId,
      unitCode: units.code,
      unitName: units.name,
      unitNameEn: units.nameEn,
      branchCode: branch.code,
      branchName: branch.name,
      branchNameEn: branch.nameEn,
      ...ratingFigures,
      floors: ratings.floors,
      computedAt: ratings.computedAt,
    })
    .from(ratings)
    .innerJoin(units, eq(units.id, ratings.instituteId))
    .leftJoin(branch, and(eq(branch.id, units.parentId), eq(branch.kind, 'branch')))
    .where(and(eq(ratings.year, year), eq(ratings.status, status), inScope(ratings.instituteId, scope)))
    .orderBy(asc(units.code));
}

/** The level of each institute in scope for a year: its published rating, else its final one. */
export async function settledLevels(q: Queryable, scope: Scope, year: number): Promise<Map<number, Level>> {
  const out = new Map<number, Level>();
  for (const status of ['final', 'published'] as const) {
    for (const r of await q
      .select({ id: ratings.instituteId, level: ratings.level })
      .from(ratings)
      .where(and(eq(ratings.year, year), eq(ratings.status, status), inScope(ratings.instituteId, scope))))
      out.set(r.id, r.level);
  }
  return out;
}

/** How many stored ratings were computed with each rule-set version. */
export async function ratingsPerRuleSetVersion(q: Queryable, scope: Scope = { all: true }): Promise<Map<string, number>> {
  const rows = await q
    .select({ version: ratings.ruleSetVersion, n: count() })
    .from(ratings)
    .where(inScope(ratings.instituteId, scope))
    .groupBy(ratings.ruleSetVersion);
  return new Map(rows.map((r) => [r.version, r.n]));
}
