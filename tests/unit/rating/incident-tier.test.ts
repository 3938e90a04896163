import { describe, expect, it } from 'vitest';
import { CAS_2019_V1 } from '@/domain/rating/default-rule-set';
import { effectiveTier, impliedTier } from '@/domain/rating/evaluate';

const none = { deaths: 0, seriousInjuries: 0, directLossCny: 0 };

describe('impliedTier: any one figure at or above its threshold', () => {
  const cases = [
    { tier: 1, figure: 'deaths', threshold: 30 },
    { tier: 1, figure: 'seriousInjuries', threshold: 100 },
    { tier: 1, figure: 'directLossCny', threshold: 100_000_000 },
    { tier: 2, figure: 'deaths', threshold: 10 },
    { tier: 2, figure: 'seriousInjuries', threshold: 50 },
    { tier: 2, figure: 'directLossCny', threshold: 50_000_000 },
    { tier: 3, figure: 'deaths', threshold: 3 },
    { tier: 3, figure: 'seriousInjuries', threshold: 10 },
    { tier: 3, figure: 'directLossCny', threshold: 10_000_000 },
  ] as const;

  it.each(cases)('tier $tier at exactly $threshold $figure, not at one below', ({ tier, figure, threshold }) => {
    expect(impliedTier({ ...none, [figure]: threshold }, CAS_2019_V1)).toEqual({ tier, by: [{ figure, value: threshold, threshold }] });
    expect(impliedTier({ ...none, [figure]: threshold - 1 }, CAS_2019_V1).tier).toBe(tier + 1);
  });

  it('is tier IV with no figures, and names every figure that reaches the tier', () => {
    expect(impliedTier(none, CAS_2019_V1)).toEqual({ tier: 4, by: [] });
    expect(impliedTier({ deaths: 12, seriousInjuries: 4, directLossCny: 60_000_000 }, CAS_2019_V1)).toEqual({
      tier: 2,
      by: [
        { figure: 'deaths', value: 12, threshold: 10 },
        { figure: 'directLossCny', value: 60_000_000, threshold: 50_000_000 },
      ],
    });
  });
});

describe('effectiveTier', () => {
  it('raises a tier the figures make more serious and says so', () => {
    expect(effectiveTier({ tier: 4, ...none, seriousInjuries: 50 }, CAS_2019_V1)).toEqual({
      tier: 2,
      setTier: 4,
      implied: { tier: 2, by: [{ figure: 'seriousInjuries', value: 50, threshold: 50 }] },
      raised: true,
    });
  });

  it('keeps a reporter-set tier more serious than the figures', () => {
    const e = effectiveTier({ tier: 1, ...none, deaths: 3 }, CAS_2019_V1);
    expect(e).toMatchObject({ tier: 1, setTier: 1, raised: false, implied: { tier: 3 } });
  });

  it('keeps the set tier when the figures agree with it', () => {
    expect(effectiveTier({ tier: 3, ...none, deaths: 3 }, CAS_2019_V1)).toMatchObject({ tier: 3, raised: false });
  });
});
