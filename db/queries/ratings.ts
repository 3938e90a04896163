import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../client';
import { ratingContributions, ratings, units, warningListEntries } from '../schema';
import type { Scope } from '@/lib/auth/scope-types';
import type { InstituteRating } from '@/lib/rating/rate-institutes';
import type { Level } from '@/lib/reference/level-codes';
import { inScope } from './scope-filter';

export type StoredStatus = 'provisional' | 'final' | 'published';

/**
 * Replaces the stored provisional or final ratings of year Y with freshly computed ones, in one
 * transaction. Published ratings are separate rows and are never touched here: publishing freezes them.
 */
export function storeRatings(db: Db, year: number, status: 'provisional' | 'final', results: InstituteRating[], computedAt: Date): void {
  db.transaction(
    (tx) => {
      const ids = results.map((r) => r.institute.id);
      for (let i = 0; i < ids.length; i += 500) {
        tx.delete(ratings)
          .where(and(eq(ratings.year, year), eq(ratings.status, status), inArray(ratings.instituteId, ids.slice(i, i + 500))))
          .run();
      }
      for (const { institute, rating } of results) {
        const row = tx
          .insert(ratings)
          .values({
            instituteId: institute.id,
            year,
            asOf: rating.asOf,
            ruleSetVersion: rating.ruleSetVersion,
            status,
            points: rating.points,
            levelByPoints: rating.levelByPoints,
            level: rating.level,
            floors: rating.floors.map((f) => ({
              floor: f.floor,
              rule: f.rule,
              recordKind: f.kind,
              recordId: f.recordId,
              recordExternalId: f.externalId,
            })),
            computedAt,
          })
          .returning({ id: ratings.id })
          .get();
        const contributions = rating.contributions.map((c) => ({
          ratingId: row.id,
          rule: c.rule,
          recordKind: c.kind,
          recordId: c.recordId,
          recordExternalId: c.externalId,
          floor: c.floor,
          points: c.points,
        }));
        for (let i = 0; i < contributions.length; i += 200)
          tx.insert(ratingContributions)
            .values(contributions.slice(i, i + 200))
            .run();
      }
    },
    { behavior: 'immediate' },
  );
}

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

/** Stored ratings of a year and status within a scope, with their contributions. */
export function storedRatings(db: Db, scope: Scope, year: number, status: StoredStatus, only?: readonly number[]): StoredRating[] {
  const rows = db
    .select({ r: ratings, unitCode: units.code })
    .from(ratings)
    .innerJoin(units, eq(units.id, ratings.instituteId))
    .where(
      and(
        eq(ratings.year, year),
        eq(ratings.status, status),
        inScope(ratings.instituteId, scope),
        only ? inArray(ratings.instituteId, [...only]) : undefined,
      ),
    )
    .orderBy(asc(units.code))
    .all();
  const byRating = new Map<number, StoredRating['contributions']>();
  const ids = rows.map((r) => r.r.id);
  for (let i = 0; i < ids.length; i += 500) {
    for (const c of db
      .select()
      .from(ratingContributions)
      .where(inArray(ratingContributions.ratingId, ids.slice(i, i + 500)))
      .orderBy(asc(ratingContributions.id))
      .all()) {
      const list = byRating.get(c.ratingId) ?? [];
      list.push({
        rule: c.rule,
        recordKind: c.recordKind,
        recordId: c.recordId,
        recordExternalId: c.recordExternalId,
        floor: c.floor,
        points: c.points,
      });
      byRating.set(c.ratingId, list);
    }
  }
  return rows.map(({ r, unitCode }) => ({ ...r, unitCode, contributions: byRating.get(r.id) ?? [] }));
}

/**
 * Publishes the final ratings of year Y: each becomes a frozen `published` row (a copy, so a later
 * recomputation of `final` can be compared with it), and every red one proposes its unit for the warning
 * list. Returns how many were published; a year already published is left as it is.
 */
export function publishRatings(db: Db, year: number, userId: number, now: Date): { published: number; proposed: number } {
  return db.transaction(
    (tx) => {
      const already = tx
        .select({ id: ratings.id })
        .from(ratings)
        .where(and(eq(ratings.year, year), eq(ratings.status, 'published')))
        .limit(1)
        .get();
      if (already) return { published: 0, proposed: 0 };
      const finals = tx
        .select()
        .from(ratings)
        .where(and(eq(ratings.year, year), eq(ratings.status, 'final')))
        .all();
      let proposed = 0;
      for (const f of finals) {
        const { id: finalId, ...rest } = f;
        const copy = tx
          .insert(ratings)
          .values({ ...rest, status: 'published', publishedAt: now, publishedBy: userId })
          .returning({ id: ratings.id })
          .get();
        const contributions = tx.select().from(ratingContributions).where(eq(ratingContributions.ratingId, finalId)).all();
        for (let i = 0; i < contributions.length; i += 200) {
          tx.insert(ratingContributions)
            .values(contributions.slice(i, i + 200).map(({ id: _id, ...c }) => ({ ...c, ratingId: copy.id })))
            .run();
        }
        if (f.level === 'red') {
          tx.insert(warningListEntries)
            .values({ unitId: f.instituteId, reason: `${year} 年度评估等级为红色`, ratingId: copy.id, status: 'proposed' })
            .run();
          proposed++;
        }
      }
      return { published: finals.length, proposed };
    },
    { behavior: 'immediate' },
  );
}
