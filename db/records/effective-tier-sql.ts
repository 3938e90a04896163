import { sql, type SQL } from 'drizzle-orm';
import { incidents } from '@/db/schema';
import type { RatingRuleSet } from '@/domain/rating/rule-set';

/**
 * An incident's effective tier in SQL: the more serious of the tier set on it and the tier its figures
 * imply under the rule set's thresholds (RATING.md §3), so dashboards count what the rating counts.
 * The same rule as domain/incidents/effective-tier.ts, for grouping inside the database.
 */
export function effectiveTierSql(ruleSet: RatingRuleSet): SQL<number> {
  const t = ruleSet.incidents.tierThresholds;
  const reaches = (f: { deaths: number; seriousInjuries: number; directLossCny: number }) =>
    sql`(${incidents.deaths} >= ${f.deaths} OR ${incidents.seriousInjuries} >= ${f.seriousInjuries} OR ${incidents.directLossCny} >= ${f.directLossCny})`;
  return sql<number>`CASE
    WHEN ${incidents.tier} <= 1 OR ${reaches(t.I)} THEN 1
    WHEN ${incidents.tier} <= 2 OR ${reaches(t.II)} THEN 2
    WHEN ${incidents.tier} <= 3 OR ${reaches(t.III)} THEN 3
    ELSE 4 END`;
}
