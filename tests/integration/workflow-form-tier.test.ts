import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../setup/test-db';
import { ruleSets } from '@/db/schema';
import { CAS_2019_V1 } from '@/domain/rating/default-rule-set';
import { raiseFormTier } from '@/features/records/form-tier';

// Issue 15: the record form (server/actions/records.ts) raised an incident's tier with hard-coded default
// thresholds; it must use the active rating rule set's, as the rating, the alerts and the API do.
let t: TestDb;

beforeAll(async () => {
  t = await createTestDb();
  // A stricter active rule set: one death already makes an incident tier III (the default needs three).
  const strict = structuredClone(CAS_2019_V1);
  strict.version = 'strict-1';
  strict.incidents.tierThresholds.III.deaths = 1;
  await t.db.update(ruleSets).set({ active: false });
  await t.db.insert(ruleSets).values({ kind: 'rating', version: strict.version, body: strict, active: true, activatedAt: new Date() });
});
afterAll(() => t.close());

describe('the record form raises a tier with the active rule set', () => {
  it('raises tier IV with one death to tier III under thresholds stricter than the defaults', async () => {
    const item: Record<string, unknown> = { tier: 4, deaths: 1, seriousInjuries: 0, directLossCny: 0 };
    expect(await raiseFormTier(t.db, item, null)).toBe(4);
    expect(item.tier).toBe(3);
  });

  it('judges an edit by the stored figures it leaves out, and leaves a tier the figures do not exceed', async () => {
    const item: Record<string, unknown> = { tier: 4 };
    expect(await raiseFormTier(t.db, item, { deaths: 1, seriousInjuries: 0, directLossCny: 0 })).toBe(4);
    expect(item.tier).toBe(3);
    const kept: Record<string, unknown> = { tier: 2, deaths: 1 };
    expect(await raiseFormTier(t.db, kept, null)).toBeUndefined();
    expect(kept.tier).toBe(2);
  });
});
