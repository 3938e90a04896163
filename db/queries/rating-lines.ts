import type { Db } from '../client';
import type { StoredRating } from './ratings';
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
