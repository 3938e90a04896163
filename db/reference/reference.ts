import { asc } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { domains, riskDimensions } from '@/db/schema';
import { defaultDomains } from '@/domain/reference/domains';
import { defaultDimensions } from '@/domain/reference/dimensions';
import { ensureDefaultRuleSets } from '@/db/rule-sets/rating-rule-sets';
import { ensureDefaultAlertRuleSet } from '@/db/rule-sets/alert-rule-sets';

/** Adds the built-in domains and dimensions that are missing; never overwrites an office's edits. */
export function ensureReferenceData(db: Db): void {
  db.transaction((tx) => {
    tx.insert(domains)
      .values([...defaultDomains])
      .onConflictDoNothing()
      .run();
    tx.insert(riskDimensions)
      .values([...defaultDimensions])
      .onConflictDoNothing()
      .run();
  });
  ensureDefaultRuleSets(db);
  ensureDefaultAlertRuleSet(db);
}

export type DomainRow = typeof domains.$inferSelect;

export function listDomains(db: Db): DomainRow[] {
  return db.select().from(domains).orderBy(asc(domains.sortOrder)).all();
}

export function listDimensions(db: Db) {
  return db.select().from(riskDimensions).orderBy(asc(riskDimensions.sortOrder)).all();
}
