import type { Queryable } from '@/db/tx';
import type { StoredRating } from '@/db/rating/ratings';
import { ratingRuleSetByVersion } from '@/db/rule-sets/rating-rule-sets';
import type { Level } from '@/domain/reference/level-codes';
import { contributionKey } from '@/domain/rating/explain';
import { rateInstitutes } from '@/features/rating/rate-institutes';
import type { RatingRuleSet } from '@/domain/rating/rule-set';
import type { Contribution, Rating } from '@/domain/rating/types';

// RATING.md §6: a published rating is frozen, but "the interface flags a published rating whose
// recomputation would now differ". The recomputation uses the rule set of the rating's own version at its
// own instant, so only changed records (not a newer rule set) can make it differ.

type StoredContribution = StoredRating['contributions'][number];

export interface RatingDifference {
  /** The institute would no longer be rated at all (deactivated before the year). */
  noLongerRated: boolean;
  level: { now: Level; then: Level } | null;
  points: { now: number; then: number } | null;
  /** Contributions the recomputation gives that the stored rating lacks. */
  added: Contribution[];
  /** Stored contributions the recomputation no longer gives. */
  removed: StoredContribution[];
  /** Same rule and record, other points or floor. */
  changed: { now: Contribution; then: StoredContribution }[];
}

/** How a recomputation differs from a stored rating, or null when it gives the same rating. */
export function compareWithStored(stored: StoredRating, recomputed: Rating | null): RatingDifference | null {
  if (!recomputed) return { noLongerRated: true, level: null, points: null, added: [], removed: [...stored.contributions], changed: [] };
  const then = new Map(stored.contributions.map((c) => [contributionKey(c), c]));
  const now = new Map(recomputed.contributions.map((c) => [contributionKey(c), c]));
  const added = recomputed.contributions.filter((c) => !then.has(contributionKey(c)));
  const removed = stored.contributions.filter((c) => !now.has(contributionKey(c)));
  const changed: RatingDifference['changed'] = [];
  for (const c of recomputed.contributions) {
    const old = then.get(contributionKey(c));
    if (old && (old.points !== c.points || old.floor !== c.floor)) changed.push({ now: c, then: old });
  }
  const diff: RatingDifference = {
    noLongerRated: false,
    level: recomputed.level !== stored.level ? { now: recomputed.level, then: stored.level } : null,
    points: recomputed.points !== stored.points ? { now: recomputed.points, then: stored.points } : null,
    added,
    removed,
    changed,
  };
  return diff.level || diff.points || added.length || removed.length || changed.length ? diff : null;
}

export interface Recheck {
  /** The rule set of the rating's version, or null if that version is not stored. */
  ruleSet: RatingRuleSet | null;
  recomputed: Rating | null;
  difference: RatingDifference | null;
}

/** Recomputes one stored rating from today's records with its own version and instant, and compares. */
export async function recheckStoredRating(q: Queryable, stored: StoredRating): Promise<Recheck> {
  const ruleSet = await ratingRuleSetByVersion(q, stored.ruleSetVersion);
  if (!ruleSet) return { ruleSet: null, recomputed: null, difference: null };
  const rated = await rateInstitutes(q, ruleSet, stored.year, { asOf: stored.asOf, only: [stored.instituteId] });
  const recomputed = rated[0]?.rating ?? null;
  return { ruleSet, recomputed, difference: compareWithStored(stored, recomputed) };
}

/**
 * The institutes among `stored` (one year's final or published ratings) whose recomputation would now
 * differ: one evaluation per rule-set version and instant, so a whole year costs about one rating run.
 */
export async function institutesThatWouldDiffer(q: Queryable, stored: readonly StoredRating[]): Promise<Set<number>> {
  const out = new Set<number>();
  const groups = new Map<string, StoredRating[]>();
  for (const r of stored) {
    const key = `${r.year}|${r.ruleSetVersion}|${r.asOf.getTime()}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  for (const group of groups.values()) {
    const first = group[0]!;
    const ruleSet = await ratingRuleSetByVersion(q, first.ruleSetVersion);
    if (!ruleSet) continue;
    const rated = await rateInstitutes(q, ruleSet, first.year, { asOf: first.asOf, only: group.map((r) => r.instituteId) });
    const live = new Map(rated.map((r) => [r.institute.id, r.rating]));
    for (const r of group) if (compareWithStored(r, live.get(r.instituteId) ?? null)) out.add(r.instituteId);
  }
  return out;
}
