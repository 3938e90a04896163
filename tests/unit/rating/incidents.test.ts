import { describe, expect, it } from 'vitest';
import { CAS_2019_V1 } from '@/domain/rating/default-rule-set';
import { evaluate } from '@/domain/rating/evaluate';
import type { Tier } from '@/domain/rating/types';
import { END_2025, HOUR, SECOND, at, incident, plus, records } from './builders';

const rate = (...incidents: ReturnType<typeof incident>[]) => evaluate(records({ incidents }), CAS_2019_V1, 2025, END_2025);
const rules = (r: ReturnType<typeof rate>) => r.contributions.map((c) => c.rule);

describe('which year an incident belongs to (Asia/Shanghai)', () => {
  it('counts the first local instant of the year, given in UTC or +08:00', () => {
    expect(rate(incident({ occurredAt: at('2024-12-31T16:00:00Z') })).points).toBe(5);
    expect(rate(incident({ occurredAt: at('2025-01-01T00:00:00+08:00') })).points).toBe(5);
  });

  it('does not count the last second of the previous local year', () => {
    expect(rate(incident({ occurredAt: at('2024-12-31T15:59:59Z') })).points).toBe(0);
    expect(rate(incident({ occurredAt: at('2024-12-31T23:59:59+08:00') })).points).toBe(0);
  });

  it('counts the last second of the local year and not the first of the next', () => {
    expect(rate(incident({ occurredAt: at('2025-12-31T23:59:59+08:00') })).points).toBe(5);
    expect(rate(incident({ occurredAt: at('2025-12-31T16:00:00Z') })).points).toBe(0);
  });
});

describe('incident.tier1-4 by effective tier', () => {
  it.each([
    [1, 100, 'red'],
    [2, 50, 'red'],
    [3, 20, 'orange'],
    [4, 5, null],
  ] as const)('tier %i scores %i with floor %s', (tier, points, floor) => {
    const inc = incident({ tier: tier as Tier });
    const r = rate(inc);
    expect(r.points).toBe(points);
    expect(r.contributions).toEqual([
      expect.objectContaining({
        rule: `incident.tier${tier}`,
        kind: 'incidents',
        recordId: inc.id,
        externalId: inc.externalId,
        points,
        floor,
      }),
    ]);
    expect(r.floors).toEqual(
      floor ? [{ floor, rule: `incident.tier${tier}`, kind: 'incidents', recordId: inc.id, externalId: inc.externalId }] : [],
    );
  });

  it('scores the tier the figures imply when the reporter set a lower one, and explains it', () => {
    const r = rate(incident({ tier: 4, directLossCny: 10_000_000 }));
    expect(r.contributions[0]).toMatchObject({
      rule: 'incident.tier3',
      points: 20,
      floor: 'orange',
      detail: { setTier: 4, effectiveTier: 3, raisedBy: [{ figure: 'directLossCny', value: 10_000_000, threshold: 10_000_000 }] },
    });
    expect(r.level).toBe('orange');
  });

  it.each([
    [1, 'deaths', 30],
    [1, 'seriousInjuries', 100],
    [1, 'directLossCny', 100_000_000],
    [2, 'deaths', 10],
    [2, 'seriousInjuries', 50],
    [2, 'directLossCny', 50_000_000],
    [3, 'deaths', 3],
    [3, 'seriousInjuries', 10],
    [3, 'directLossCny', 10_000_000],
  ] as const)('raises a tier IV report to tier %i at exactly its %s threshold (%i), not at one below', (tier, figure, threshold) => {
    expect(rules(rate(incident({ tier: 4, [figure]: threshold })))).toEqual([`incident.tier${tier}`]);
    expect(rules(rate(incident({ tier: 4, [figure]: threshold - 1 })))).toEqual([`incident.tier${tier + 1}`]);
  });

  it('keeps a reporter-set tier higher than the figures', () => {
    const r = rate(incident({ tier: 2, deaths: 0 }));
    expect(r.contributions[0]).toMatchObject({
      rule: 'incident.tier2',
      points: 50,
      detail: { setTier: 2, effectiveTier: 2, raisedBy: [] },
    });
  });
});

describe('incident.late: reported after discovery + deadline of its effective tier', () => {
  const discoveredAt = at('2025-06-10T08:00:00+08:00');
  it.each([
    [1, 2],
    [2, 2],
    [3, 24],
    [4, 72],
  ] as const)('tier %i: on time exactly at %i h, late one second after', (tier, hours) => {
    const deadline = plus(discoveredAt, hours * HOUR);
    const onTime = rate(incident({ tier: tier as Tier, discoveredAt, reportedAt: deadline }));
    expect(rules(onTime)).toEqual([`incident.tier${tier}`]);
    const late = rate(incident({ tier: tier as Tier, discoveredAt, reportedAt: plus(deadline, SECOND) }));
    expect(rules(late)).toEqual([`incident.tier${tier}`, 'incident.late']);
    expect(late.contributions[1]).toMatchObject({ points: 5, floor: null, detail: { deadline } });
  });

  it('uses the deadline of the raised tier, not the tier set on it', () => {
    const r = rate(incident({ tier: 4, deaths: 3, discoveredAt, reportedAt: plus(discoveredAt, 25 * HOUR) }));
    expect(rules(r)).toEqual(['incident.tier3', 'incident.late']);
  });
});

describe('incident.concealed', () => {
  it('adds 20 points and an orange floor', () => {
    const inc = incident({ concealed: true });
    const r = rate(inc);
    expect(r.points).toBe(25);
    expect(r.contributions[1]).toMatchObject({ rule: 'incident.concealed', points: 20, floor: 'orange' });
    expect(r.floors).toEqual([
      { floor: 'orange', rule: 'incident.concealed', kind: 'incidents', recordId: inc.id, externalId: inc.externalId },
    ]);
    expect(r.level).toBe('orange');
  });
});

it('does not count a withdrawn incident', () => {
  const r = rate(incident({ tier: 1, concealed: true, withdrawn: true }));
  expect(r).toMatchObject({ points: 0, level: 'blue', contributions: [], floors: [] });
});
