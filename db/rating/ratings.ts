import { and, asc, count, desc, eq, inArray, min } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '@/db/client';
import { ratings, units, users } from '@/db/schema';
import type { Scope } from '@/domain/auth/actor';
import type { Level } from '@/domain/reference/level-codes';
import { inScope } from '@/db/scope';

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
export function storedRatings(
  db: Db,
  scope: Scope,
  year: number,
  status: StoredStatus,
  only?: readonly number[],
  lines = true,
): StoredRating[] {
  const rows = db
    .select({ r: ratings, unitCode: units.code })
    .from(ratings)
    .innerJoin(units, eq(units.id, ratings.instituteId))
    .where(ratingsOf(year, status, scope, only))
    .orderBy(asc(units.code))
    .all();
  const byRating = new Map<number, StoredRating['contributions']>();
  const ids = lines ? rows.map((r) => r.r.id) : [];
  // A bare prepared statement: one institute may have a hundred thousand lines, and mapping them through
  // the query builder cost about 40 µs each (issue 13).
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const lines = db.$client
      .prepare(
        `SELECT rating_id AS ratingId, rule, record_kind AS recordKind, record_id AS recordId,
                record_external_id AS recordExternalId, floor, points
         FROM rating_contributions WHERE rating_id IN (${chunk.map(() => '?').join(',')}) ORDER BY id`,
      )
      .all(...chunk) as ({ ratingId: number } & StoredRating['contributions'][number])[];
    for (const { ratingId, ...c } of lines) {
      const list = byRating.get(ratingId);
      if (list) list.push(c);
      else byRating.set(ratingId, [c]);
    }
  }
  return rows.map(({ r, unitCode }) => ({ ...r, unitCode, contributions: byRating.get(r.id) ?? [] }));
}

/** The oldest computation time of year Y's stored provisional ratings, or null when none are stored. */
export function provisionalComputedAt(db: Db, year: number): Date | null {
  const row = db
    .select({ at: min(ratings.computedAt) })
    .from(ratings)
    .where(and(eq(ratings.year, year), eq(ratings.status, 'provisional')))
    .get();
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
export function ratingYearSummary(db: Db, year: number): YearSummary {
  const rows = db.select({ status: ratings.status, n: count() }).from(ratings).where(eq(ratings.year, year)).groupBy(ratings.status).all();
  const by = Object.fromEntries(rows.map((r) => [r.status, r.n])) as Partial<Record<StoredStatus, number>>;
  const pub = db
    .select({ at: ratings.publishedAt, by: users.displayName })
    .from(ratings)
    .leftJoin(users, eq(users.id, ratings.publishedBy))
    .where(and(eq(ratings.year, year), eq(ratings.status, 'published')))
    .orderBy(desc(ratings.publishedAt))
    .limit(1)
    .get();
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
export function ratingTableRows(db: Db, scope: Scope, year: number, status: StoredStatus): RatingTableRow[] {
  const branch = alias(units, 'branch');
  return db
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
    .orderBy(asc(units.code))
    .all();
}

/** The level of each institute in scope for a year: its published rating, else its final one. */
export function settledLevels(db: Db, scope: Scope, year: number): Map<number, Level> {
  const out = new Map<number, Level>();
  for (const status of ['final', 'published'] as const) {
    for (const r of db
      .select({ id: ratings.instituteId, level: ratings.level })
      .from(ratings)
      .where(and(eq(ratings.year, year), eq(ratings.status, status), inScope(ratings.instituteId, scope)))
      .all())
      out.set(r.id, r.level);
  }
  return out;
}

/** How many stored ratings were computed with each rule-set version. */
export function ratingsPerRuleSetVersion(db: Db, scope: Scope = { all: true }): Map<string, number> {
  const rows = db
    .select({ version: ratings.ruleSetVersion, n: count() })
    .from(ratings)
    .where(inScope(ratings.instituteId, scope))
    .groupBy(ratings.ruleSetVersion)
    .all();
  return new Map(rows.map((r) => [r.version, r.n]));
}
