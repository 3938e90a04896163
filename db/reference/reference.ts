import { asc } from 'drizzle-orm';
import type { Db, Queryable } from '@/db/tx';
import { domains, riskDimensions } from '@/db/schema';
import { defaultDomains } from '@/domain/reference/domains';
import { defaultDimensions } from '@/domain/reference/dimensions';
import { ensureDefaultRuleSets } from '@/db/rule-sets/rating-rule-sets';
import { ensureDefaultAlertRuleSet } from '@/db/rule-sets/alert-rule-sets';

/** Adds the built-in domains and dimensions that are missing; never overwrites an office's edits. */
export async function ensureReferenceData(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .insert(domains)
      .values([...defaultDomains])
      .onConflictDoNothing();
    await tx
      .insert(riskDimensions)
      .values([...defaultDimensions])
      .onConflictDoNothing();
  });
  await ensureDefaultRuleSets(db);
  await ensureDefaultAlertRuleSet(db);
}

export type DomainRow = typeof domains.$inferSelect;

export async function listDomains(q: Queryable): Promise<DomainRow[]> {
  return q.select().from(domains).orderBy(asc(domains.sortOrder));
}

export async function listDimensions(q: Queryable) {
  return q.select().from(riskDimensions).orderBy(asc(riskDimensions.sortOrder));
}
