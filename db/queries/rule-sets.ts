import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../client';
import { ruleSets } from '../schema';
import { CAS_2019_V1 } from '@/lib/rating/default-rule-set';
import { ratingRuleSetSchema, type RatingRuleSet } from '@/lib/rating/rule-set';

/** Installs the default rating rule set as the active one when there is none; never touches an office's versions. */
export function ensureDefaultRuleSets(db: Db, now = new Date()): void {
  db.transaction(
    (tx) => {
      const any = tx.select({ id: ruleSets.id }).from(ruleSets).where(eq(ruleSets.kind, 'rating')).limit(1).get();
      if (any) return;
      tx.insert(ruleSets).values({ kind: 'rating', version: CAS_2019_V1.version, body: CAS_2019_V1, active: true, activatedAt: now }).run();
    },
    { behavior: 'immediate' },
  );
}

/** The rating rule set in force: the active stored version, or the default before one is stored. */
export function activeRatingRuleSet(db: Db): RatingRuleSet {
  const row = db
    .select({ body: ruleSets.body })
    .from(ruleSets)
    .where(and(eq(ruleSets.kind, 'rating'), eq(ruleSets.active, true)))
    .orderBy(desc(ruleSets.activatedAt))
    .limit(1)
    .get();
  return row ? ratingRuleSetSchema.parse(row.body) : CAS_2019_V1;
}

export function ratingRuleSetByVersion(db: Db, version: string): RatingRuleSet | null {
  const row = db
    .select({ body: ruleSets.body })
    .from(ruleSets)
    .where(and(eq(ruleSets.kind, 'rating'), eq(ruleSets.version, version)))
    .get();
  return row ? ratingRuleSetSchema.parse(row.body) : version === CAS_2019_V1.version ? CAS_2019_V1 : null;
}
