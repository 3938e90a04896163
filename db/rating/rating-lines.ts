import type { Db } from '@/db/client';
import type { StoredRating } from '@/db/rating/ratings';
import { worseLevel } from '@/domain/rating/level';
import type { RuleGroup, RulePage } from '@/domain/rating/contribution-groups';
import type { Level } from '@/domain/reference/level-codes';

// A stored rating's lines read by rule in SQL, for the rating page of an institute with hundreds of
// thousands of them (decision 031): reading all 307,508 lines of 150,000 overdue hazards into JavaScript
// held the serving thread for seconds per view; grouping them in SQLite and reading only the lines shown
// costs a fraction of it. The same groups and pages as domain/rating/contribution-groups.ts gives in memory.

type Line = StoredRating['contributions'][number];
const COLUMNS = 'rule, record_kind AS recordKind, record_id AS recordId, record_external_id AS recordExternalId, floor, points';

/** Each rule's count, points, worst floor and first lines, in the order each rule first appears (by id). */
export function storedRuleGroups(db: Db, ratingId: number, firstPerRule: number): RuleGroup<Line>[] {
  const heads = db.$client
    .prepare(
      `SELECT rule, count(*) AS count, sum(points) AS points, group_concat(DISTINCT floor) AS floors, min(id) AS firstId
       FROM rating_contributions WHERE rating_id = ? GROUP BY rule ORDER BY firstId`,
    )
    .all(ratingId) as { rule: string; count: number; points: number; floors: string | null; firstId: number }[];
  // Each rule's first lines from its first id on: a range of the rating's index (rating_id, then id), so
  // reading them stops after a few rows instead of ranking every line.
  const firstOf = db.$client.prepare(
    `SELECT ${COLUMNS} FROM rating_contributions WHERE rating_id = ? AND id >= ? AND rule = ? ORDER BY id LIMIT ?`,
  );
  return heads.map((h) => ({
    rule: h.rule,
    count: h.count,
    points: h.points,
    floor: h.floors ? (h.floors.split(',') as Level[]).reduce((a, b) => worseLevel(a, b)) : null,
    first: firstOf.all(ratingId, h.firstId, h.rule, firstPerRule) as Line[],
  }));
}

/** One page of one rule's lines (`total` from its group); a page past the end is clamped to the last. */
export function storedRulePage(db: Db, ratingId: number, rule: string, total: number, page: number, size: number): RulePage<Line> {
  const pages = Math.max(1, Math.ceil(total / size));
  const p = Math.min(Math.max(1, Number.isSafeInteger(page) ? page : 1), pages);
  const offset = (p - 1) * size;
  const items = db.$client
    .prepare(`SELECT ${COLUMNS} FROM rating_contributions WHERE rating_id = ? AND rule = ? ORDER BY id LIMIT ? OFFSET ?`)
    .all(ratingId, rule, size, offset) as Line[];
  return { page: p, pages, total, offset, items };
}

/** How many lines a stored rating has (through the rating's index, without reading them). */
export function storedLineCount(db: Db, ratingId: number): number {
  return (db.$client.prepare('SELECT count(*) AS n FROM rating_contributions WHERE rating_id = ?').get(ratingId) as { n: number }).n;
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
const rememberedGroups = new WeakMap<Db['$client'], Map<number, LineGroup[]>>();

/**
 * Each rating's lines counted by rule and kind, in the order each group first appears (by line id): the API
 * says how many lines a rating has without reading them (decision 039). A stored rating's lines are written
 * with it, in its transaction, and never change (a new computation is a new rating, ids are never reused),
 * so a large rating's groups are kept per connection: paging through its lines does not group them again.
 */
export function storedLineGroups(db: Db, ratingIds: readonly number[]): Map<number, LineGroup[]> {
  let remembered = rememberedGroups.get(db.$client);
  if (!remembered) rememberedGroups.set(db.$client, (remembered = new Map()));
  const out = new Map<number, LineGroup[]>();
  const missing = ratingIds.filter((id) => {
    const known = remembered.get(id);
    if (known) out.set(id, known);
    return !known;
  });
  for (let i = 0; i < missing.length; i += 500) {
    const chunk = missing.slice(i, i + 500);
    const rows = db.$client
      .prepare(
        `SELECT rating_id AS ratingId, rule, record_kind AS kind, count(*) AS count, sum(points) AS points, min(id) AS firstId
         FROM rating_contributions WHERE rating_id IN (${chunk.map(() => '?').join(',')})
         GROUP BY rating_id, rule, record_kind ORDER BY rating_id, firstId`,
      )
      .all(...chunk) as (LineGroup & { ratingId: number; firstId: number })[];
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
export function storedLinesAfter(db: Db, ratingId: number, after: number, limit: number): (Line & { id: number })[] {
  return db.$client
    .prepare(`SELECT id, ${COLUMNS} FROM rating_contributions WHERE rating_id = ? AND id > ? ORDER BY id LIMIT ?`)
    .all(ratingId, after, limit) as (Line & { id: number })[];
}
