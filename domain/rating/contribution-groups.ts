import type { Level } from '@/domain/reference/level-codes';
import { worseLevel } from './level';

// Issue 13 (item 8): a rating's explanation is bounded however many records an institute files. It is
// summarised by rule (count, points, worst floor) with the first few sentences of each; one rule's lines
// are read page by page. Every line stays reachable: nothing is dropped, only paged.

/** Sentences shown under each rule on the summary. */
export const FIRST_LINES_PER_RULE = 5;
/** Sentences on one page of one rule's lines. */
export const RULE_PAGE_SIZE = 50;

export interface RuleGroup<T> {
  rule: string;
  count: number;
  points: number;
  floor: Level | null;
  /** The rule's first lines, in the rating's order. */
  first: T[];
}

/** Groups contributions by rule, in the order each rule first appears in the rating. */
export function groupByRule<T extends { rule: string; points: number; floor: Level | null }>(
  lines: readonly T[],
  firstPerRule = FIRST_LINES_PER_RULE,
): RuleGroup<T>[] {
  const groups = new Map<string, RuleGroup<T>>();
  for (const line of lines) {
    let g = groups.get(line.rule);
    if (!g) groups.set(line.rule, (g = { rule: line.rule, count: 0, points: 0, floor: null, first: [] }));
    g.count++;
    g.points += line.points;
    if (line.floor) g.floor = g.floor ? worseLevel(g.floor, line.floor) : line.floor;
    if (g.first.length < firstPerRule) g.first.push(line);
  }
  return [...groups.values()];
}

export interface RulePage<T> {
  page: number;
  pages: number;
  total: number;
  /** Position of the page's first line among the rule's lines (0-based). */
  offset: number;
  items: T[];
}

/** One page of one rule's lines; a page past the end is clamped to the last. */
export function rulePage<T extends { rule: string }>(lines: readonly T[], rule: string, page: number, size = RULE_PAGE_SIZE): RulePage<T> {
  const ofRule = lines.filter((l) => l.rule === rule);
  const pages = Math.max(1, Math.ceil(ofRule.length / size));
  const p = Math.min(Math.max(1, Number.isSafeInteger(page) ? page : 1), pages);
  const offset = (p - 1) * size;
  return { page: p, pages, total: ofRule.length, offset, items: ofRule.slice(offset, offset + size) };
}
