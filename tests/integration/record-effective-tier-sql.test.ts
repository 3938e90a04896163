import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc } from 'drizzle-orm';
import { createTestDb, type TestDb } from '../setup/test-db';
import { org, seedSmallOrg } from '../setup/small-org';
import { incidents } from '@/db/schema';
import { effectiveTierSql } from '@/db/records/effective-tier-sql';
import { effectiveTier, type TierThresholds } from '@/domain/incidents/effective-tier';
import { CAS_2019_V1 } from '@/domain/rating/default-rule-set';
import type { RatingRuleSet } from '@/domain/rating/rule-set';
import type { IncidentFigure, Tier } from '@/domain/rating/types';
import { buildIncident } from '@/features/demo/factories';

// The dashboards group incidents by the SQL rendering of the effective tier; the rating, the alerts, the
// API and the form use the domain function. Both must agree on every incident, under any rule set: a grid
// of each figure at and either side of every threshold, crossed with every tier set by the reporter.
let t: TestDb;

const stricter: TierThresholds = {
  I: { deaths: 5, seriousInjuries: 20, directLossCny: 20_000_000 },
  II: { deaths: 2, seriousInjuries: 8, directLossCny: 5_000_000 },
  III: { deaths: 1, seriousInjuries: 1, directLossCny: 100_000 },
};
const ruleSets: RatingRuleSet[] = [
  CAS_2019_V1,
  { ...CAS_2019_V1, version: 'stricter', incidents: { ...CAS_2019_V1.incidents, tierThresholds: stricter } },
];
const figures: IncidentFigure[] = ['deaths', 'seriousInjuries', 'directLossCny'];
const tiers: Tier[] = [1, 2, 3, 4];

/** Every value that sits at or beside a threshold of any rule set above, and 0. */
function valuesOf(figure: IncidentFigure): number[] {
  const around = ruleSets.flatMap((r) => (['I', 'II', 'III'] as const).map((k) => r.incidents.tierThresholds[k][figure]));
  return [...new Set([0, ...around.flatMap((v) => [v - 1, v, v + 1])])].sort((a, b) => a - b);
}

beforeAll(async () => {
  t = await createTestDb();
  await seedSmallOrg(t.db);
  await t.db.delete(incidents);
  const [deaths, injuries, losses] = figures.map(valuesOf) as [number[], number[], number[]];
  const rows: ReturnType<typeof buildIncident>[] = [];
  for (const tier of tiers)
    for (const d of deaths)
      for (const s of injuries)
        for (const l of losses)
          rows.push(buildIncident({ unitId: org.BJ01, instituteId: org.BJ01, tier, deaths: d, seriousInjuries: s, directLossCny: l }));
  await t.db.transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += 500) await tx.insert(incidents).values(rows.slice(i, i + 500));
  });
});
afterAll(() => t.close());

describe('effectiveTierSql agrees with effectiveTier (domain/incidents/effective-tier.ts)', () => {
  it.each(ruleSets.map((r) => [r.version, r] as const))('on every figure × tier of the grid under %s', async (_version, ruleSet) => {
    const rows = await t.db
      .select({
        tier: incidents.tier,
        deaths: incidents.deaths,
        seriousInjuries: incidents.seriousInjuries,
        directLossCny: incidents.directLossCny,
        sql: effectiveTierSql(ruleSet),
      })
      .from(incidents)
      .orderBy(asc(incidents.id));
    expect(rows.length).toBeGreaterThan(1000);
    const disagreeing = rows.filter((r) => r.sql !== effectiveTier({ ...r, tier: r.tier as Tier }, ruleSet).tier);
    expect(disagreeing).toEqual([]);
  });
});
