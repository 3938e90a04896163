import { and, asc, count, desc, eq, inArray, min } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../client';
import { ratingContributions, ratings, units, users, warningListEntries } from '../schema';
import type { Scope } from '@/domain/auth/actor';
import type { InstituteRating } from '@/features/rating/rate-institutes';
import type { Level } from '@/domain/reference/level-codes';
import { inScope } from '@/db/scope';
import { proposedReason } from '@/domain/rating/proposed-reason';

export type StoredStatus = 'provisional' | 'final' | 'published';

/**
 * Replaces the stored provisional or final ratings of year Y with freshly computed ones, in one
 * transaction. Published ratings are separate rows and are never touched here: publishing freezes them.
 */
export function storeRatings(
  db: Db,
  year: number,
  status: 'provisional' | 'final',
  results: InstituteRating[],
  computedAt: Date,
  /** Runs in the same transaction first (checks that may refuse) and can append the audit entry. */
  within?: (tx: Parameters<Parameters<Db['transaction']>[0]>[0]) => void,
): void {
  db.transaction(
    (tx) => {
      within?.(tx);
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
        insertContributions(db, row.id, rating.contributions);
      }
    },
    { behavior: 'immediate' },
  );
}

/** Contribution rows per INSERT statement: 7 parameters each, well under SQLite's 32,766. */
const LINES_PER_INSERT = 100;
const insertLines = new WeakMap<Db['$client'], Map<number, Statement<unknown[]>>>();

/**
 * Stores a rating's contributions through statements prepared once per connection. One institute may have
 * hundreds of thousands of lines (issue 13: 307,508 for 150,000 overdue hazards), which the query builder
 * took 4.7 s of CPU to build and insert; bare statements take a fraction of it (decision 031).
 */
function insertContributions(db: Db, ratingId: number, lines: InstituteRating['rating']['contributions']): void {
  let byCount = insertLines.get(db.$client);
  if (!byCount) insertLines.set(db.$client, (byCount = new Map()));
  const statement = (n: number) => {
    let s = byCount.get(n);
    if (!s) {
      const values = Array.from({ length: n }, () => '(?, ?, ?, ?, ?, ?, ?)').join(', ');
      s = db.$client.prepare<unknown[]>(
        `INSERT INTO rating_contributions (rating_id, rule, record_kind, record_id, record_external_id, floor, points) VALUES ${values}`,
      );
      byCount.set(n, s);
    }
    return s;
  };
  const params: unknown[] = [];
  for (let i = 0; i < lines.length; i += LINES_PER_INSERT) {
    const chunk = lines.slice(i, i + LINES_PER_INSERT);
    params.length = 0;
    for (const c of chunk) params.push(ratingId, c.rule, c.kind, c.recordId, c.externalId, c.floor, c.points);
    statement(chunk.length).run(...params);
  }
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

/**
 * Stored ratings of a year and status within a scope, with their contributions (`lines` false: without,
 * for a page that reads them by rule in SQL, db/queries/rating-lines.ts).
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

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export interface PublishResult {
  published: number;
  proposed: number;
}

/**
 * Publishes the final ratings of year Y: each becomes a frozen `published` row (a copy, so a later
 * recomputation of `final` can be compared with it), and every red one proposes its unit for the warning
 * list. Returns how many were published; a year already published is left as it is. `afterPublish` runs in
 * the same transaction (the audit entries of the office's action), so both are stored or neither.
 */
export function publishRatings(
  db: Db,
  year: number,
  userId: number,
  now: Date,
  afterPublish?: (tx: Tx, result: PublishResult) => void,
): PublishResult {
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
            .values({ unitId: f.instituteId, reason: proposedReason(year), ratingId: copy.id, status: 'proposed' })
            .run();
          proposed++;
        }
      }
      const result = { published: finals.length, proposed };
      if (finals.length > 0) afterPublish?.(tx, result);
      return result;
    },
    { behavior: 'immediate' },
  );
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

export interface RatingTableRow {
  id: number;
  instituteId: number;
  unitCode: string;
  unitName: string;
  unitNameEn: string | null;
  branchCode: string | null;
  branchName: string | null;
  branchNameEn: string | null;
  year: number;
  asOf: Date;
  ruleSetVersion: string;
  status: StoredStatus;
  points: number;
  levelByPoints: Level;
  level: Level;
  floors: StoredRating['floors'];
  computedAt: Date;
}

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
      year: ratings.year,
      asOf: ratings.asOf,
      ruleSetVersion: ratings.ruleSetVersion,
      status: ratings.status,
      points: ratings.points,
      levelByPoints: ratings.levelByPoints,
      level: ratings.level,
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

/** Ids of the warning-list entries proposed by the published ratings of a year (for their audit entries). */
export function proposalsOfYear(tx: Tx | Db, year: number): { id: number; unitId: number }[] {
  return tx
    .select({ id: warningListEntries.id, unitId: warningListEntries.unitId })
    .from(warningListEntries)
    .innerJoin(ratings, eq(ratings.id, warningListEntries.ratingId))
    .where(and(eq(ratings.year, year), eq(ratings.status, 'published')))
    .all();
}
