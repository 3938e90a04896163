import { sql } from 'drizzle-orm';
import { rawAll, rawGet } from '@/db/engine';
import type { Db, Queryable } from '@/db/tx';
import type { StoredRating } from '@/db/rating/ratings';
import { worseLevel } from '@/domain/rating/level';
import type { RuleGroup, RulePage } from '@/domain/rating/contribution-groups';
import type { Level } from '@/domain/reference/level-codes';
import { stringAggDistinct } from '@/db/sql/dialect';

// A stored rating's lines read by rule in SQL, for the rating page of an institute with hundreds of
// thousands of them (decision 031): reading all 307,508 lines of 150,000 overdue hazards into JavaScript
// held the serving thread for seconds per view; grouping them in SQLite and reading only the lines shown
// costs a fraction of it. The same groups and pages as domain/rating/contribution-groups.ts gives in memory.

type Line = StoredRating['contributions'][number];
// Aliases are quoted: PostgreSQL folds unquoted names to lower case (recordkind), SQLite keeps them as written.
const COLUMNS = sql.raw(
  'rule, record_kind AS "recordKind", record_id AS "recordId", record_external_id AS "recordExternalId", floor, points',
);

/** Each rule's count, points, worst floor and first lines, in the order each rule first appears (by id). */
export async function storedRuleGroups(q: Queryable, ratingId: number, firstPerRule: number): Promise<RuleGroup<Line>[]> {
  const heads = await rawAll<{ rule: string; count: number; points: number; floors: string | null; firstId: number }>(
    q,
    sql`SELECT rule, count(*) AS count, sum(points) AS points, ${stringAggDistinct(q, sql`floor`)} AS floors, min(id) AS "firstId"
        FROM rating_contributions WHERE rating_id = ${ratingId} GROUP BY rule ORDER BY "firstId"`,
  );
  // Each rule's first lines from its first id on: a range of the rating's index (rating_id, then id), so
  // reading them stops after a few rows instead of ranking every line.
  const groups: RuleGroup<Line>[] = [];
  for (const h of heads) {
    groups.push({
      rule: h.rule,
      count: h.count,
      points: h.points,
      floor: h.floors ? (h.floors.split(',') as Level[]).reduce((a, b) => worseLevel(a, b)) : null,
      first: await rawAll<Line>(
        q,
        sql`SELECT ${COLUMNS} FROM rating_contributions
            WHERE rating_id = ${ratingId} AND id >= ${h.firstId} AND rule = ${h.rule} ORDER BY id LIMIT ${firstPerRule}`,
      ),
    });
  }
  return groups;
}

/** One page of one rule's lines (`total` from its group); a page past the end is clamped to the last. */
export async function storedRulePage(
  q: Queryable,
  ratingId: number,
  rule: string,
  total: number,
  page: number,
  size: number,
): Promise<RulePage<Line>> {
  const pages = Math.max(1, Math.ceil(total / size));
  const p = Math.min(Math.max(1, Number.isSafeInteger(page) ? page : 1), pages);
  const offset = (p - 1) * size;
  const items = await rawAll<Line>(
    q,
    sql`SELECT ${COLUMNS} FROM rating_contributions WHERE rating_id = ${ratingId} AND rule = ${rule} ORDER BY id LIMIT ${size} OFFSET ${offset}`,
  );
  return { page: p, pages, total, offset, items };
}

/** How many lines a stored rating has (through the rating's index, without reading them). */
export async function storedLineCount(q: Queryable, ratingId: number): Promise<number> {
  return (await rawGet<{ n: number }>(q, sql`SELECT count(*) AS n FROM rating_contributions WHERE rating_id = ${ratingId}`))!.n;
}

/** A stored rating's lines counted by rule and record kind (GET /api/v1/ratings' `contributionGroups`). */
export interface LineGroup {
  rule: string;
  kind: string;
  count: number;
  points: number;
}

/** Ratings with at least this many lines keep their groups in memory (grouping 307,508 took 0.2–0.3 s). */
const REMEMBER_GROUPS_FROM = 10_000;
const REMEMBERED_RATINGS = 100;
const rememberedGroups = new WeakMap<Db, Map<number, LineGroup[]>>();

/**
 * Each rating's lines counted by rule and kind, in the order each group first appears (by line id): the API
 * says how many lines a rating has without reading them (decision 039). A stored rating's lines are written
 * with it, in its transaction, and never change (a new computation is a new rating, ids are never reused),
 * so a large rating's groups are kept per database: paging through its lines does not group them again.
 * What is kept is the finished groups, never a pending read: two first requests may both group, harmlessly.
 * Read through `q` (the caller's snapshot or transaction of `db`, by default `db` itself).
 */
export async function storedLineGroups(db: Db, ratingIds: readonly number[], q: Queryable = db): Promise<Map<number, LineGroup[]>> {
  let remembered = rememberedGroups.get(db);
  if (!remembered) rememberedGroups.set(db, (remembered = new Map()));
  const out = new Map<number, LineGroup[]>();
  const missing = ratingIds.filter((id) => {
    const known = remembered.get(id);
    if (known) out.set(id, known);
    return !known;
  });
  for (let i = 0; i < missing.length; i += 500) {
    const chunk = missing.slice(i, i + 500);
    const rows = await rawAll<LineGroup & { ratingId: number; firstId: number }>(
      q,
      sql`SELECT rating_id AS "ratingId", rule, record_kind AS kind, count(*) AS count, sum(points) AS points, min(id) AS "firstId"
          FROM rating_contributions WHERE rating_id IN ${chunk}
          GROUP BY rating_id, rule, record_kind ORDER BY rating_id, "firstId"`,
    );
    for (const { ratingId, firstId: _first, ...g } of rows) {
      const list = out.get(ratingId);
      if (list) list.push(g);
      else out.set(ratingId, [g]);
    }
  }
  for (const id of missing) {
    const groups = out.get(id);
    if (!groups || groups.reduce((n, g) => n + g.count, 0) < REMEMBER_GROUPS_FROM) continue;
    // The oldest goes first: a Map iterates in insertion order.
    if (remembered.size >= REMEMBERED_RATINGS) remembered.delete(remembered.keys().next().value!);
    remembered.set(id, groups);
  }
  return out;
}

/**
 * Up to `limit` lines of a rating after line id `after` (0: from the start), in stored order, with their ids:
 * a range of the rating's index, so every page costs the same however deep it lies.
 */
export function storedLinesAfter(q: Queryable, ratingId: number, after: number, limit: number): Promise<(Line & { id: number })[]> {
  return rawAll<Line & { id: number }>(
    q,
    sql`SELECT id, ${COLUMNS} FROM rating_contributions WHERE rating_id = ${ratingId} AND id > ${after} ORDER BY id LIMIT ${limit}`,
  );
}
