import { count } from 'drizzle-orm';
import type { Queryable } from '@/db/tx';
import { ratings } from '@/db/schema';
import type { StoredStatus } from '@/db/rating/ratings';

/** How many ratings a year has stored, per status. */
export type YearCounts = Record<StoredStatus, number>;

/**
 * Every year that has stored ratings, with its counts per status: which years the "records changed" event
 * follows (decision 045). One GROUP BY over the (institute, year, status) index.
 */
export async function storedYears(q: Queryable): Promise<Map<number, YearCounts>> {
  const rows = await q
    .select({ year: ratings.year, status: ratings.status, n: count() })
    .from(ratings)
    .groupBy(ratings.year, ratings.status);
  const years = new Map<number, YearCounts>();
  for (const r of rows) {
    const c = years.get(r.year) ?? { provisional: 0, final: 0, published: 0 };
    c[r.status] = r.n;
    years.set(r.year, c);
  }
  return years;
}

/** The status a year's stored ratings stand in: final once any are final, else provisional. */
export function standingStatus(c: YearCounts | undefined): 'final' | 'provisional' {
  return c && c.final > 0 ? 'final' : 'provisional';
}

/**
 * Where year Y's stored ratings stand, in settings: the newest audit entry they include, when every institute
 * was last rated, with which rule-set version (features/rating/refresh.ts writes it with the ratings).
 */
export const markKey = (year: number) => `ratings_mark:${year}`;

/** Where a year's stored ratings stand: the audit entry they include, when they were all computed, with which rules. */
export interface RatingsMark {
  auditId: number;
  fullAt: number;
  ruleSet: string;
}

/** A year's mark from its stored text; null when missing or unreadable (everyone is rated again then). */
export function parseMark(raw: string | undefined): RatingsMark | null {
  try {
    const m = JSON.parse(raw ?? 'null') as RatingsMark | null;
    return m && Number.isSafeInteger(m.auditId) && Number.isFinite(m.fullAt) && typeof m.ruleSet === 'string' ? m : null;
  } catch {
    return null;
  }
}
